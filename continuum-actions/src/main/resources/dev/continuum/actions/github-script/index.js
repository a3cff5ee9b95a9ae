// Continuum's built-in actions/github-script: runs the step's script as the body of an async function with the
// arguments upstream passes (require, github, context, core, exec, glob, io, fetch). Written for Continuum: the
// toolkit pieces are small implementations of the documented @actions/* behaviour, on Node.js's standard library.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const childProcess = require('child_process');
const crypto = require('crypto');
const { createRequire } = require('module');

function toCommandValue(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || v instanceof String) return String(v);
  return JSON.stringify(v);
}
function escapeData(s) { return toCommandValue(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'); }
function escapeProperty(s) { return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C'); }
function issue(command, props, message) {
  const p = Object.entries(props || {}).filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(v)}`).join(',');
  process.stdout.write(`::${command}${p ? ' ' + p : ''}::${escapeData(message)}${os.EOL}`);
}
function fileCommand(variable, key, value) {
  const file = process.env[variable];
  if (!file) throw new Error(`${variable} is not set; this script must run as a workflow step`);
  let line = toCommandValue(value);
  if (key !== undefined) {
    const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
    line = `${key}<<${delimiter}${os.EOL}${line}${os.EOL}${delimiter}`;
  }
  fs.appendFileSync(file, line + os.EOL, 'utf8');
}
function annotationProps(p) {
  if (!p) return {};
  return { title: p.title, file: p.file, line: p.startLine, endLine: p.endLine, col: p.startColumn, endColumn: p.endColumn };
}

const summaryBuffer = [];
const summary = {
  addRaw(text, eol) { summaryBuffer.push(String(text) + (eol ? os.EOL : '')); return this; },
  addEOL() { return this.addRaw(os.EOL); },
  addHeading(text, level) { const l = Math.min(Math.max(Number(level) || 1, 1), 6); return this.addRaw(`<h${l}>${text}</h${l}>`, true); },
  addCodeBlock(code, lang) { return this.addRaw(`<pre${lang ? ` lang="${lang}"` : ''}><code>${code}</code></pre>`, true); },
  addList(items, ordered) { const t = ordered ? 'ol' : 'ul'; return this.addRaw(`<${t}>${items.map(i => `<li>${i}</li>`).join('')}</${t}>`, true); },
  addTable(rows) {
    const cells = rows.map(r => `<tr>${r.map(c => typeof c === 'string' ? `<td>${c}</td>`
      : `<${c.header ? 'th' : 'td'}${c.colspan ? ` colspan="${c.colspan}"` : ''}${c.rowspan ? ` rowspan="${c.rowspan}"` : ''}>${c.data}</${c.header ? 'th' : 'td'}>`).join('')}</tr>`);
    return this.addRaw(`<table>${cells.join('')}</table>`, true);
  },
  addDetails(label, content) { return this.addRaw(`<details><summary>${label}</summary>${content}</details>`, true); },
  addImage(src, alt) { return this.addRaw(`<img src="${src}" alt="${alt}">`, true); },
  addSeparator() { return this.addRaw('<hr>', true); },
  addBreak() { return this.addRaw('<br>', true); },
  addQuote(text, cite) { return this.addRaw(`<blockquote${cite ? ` cite="${cite}"` : ''}>${text}</blockquote>`, true); },
  addLink(text, href) { return this.addRaw(`<a href="${href}">${text}</a>`, true); },
  stringify() { return summaryBuffer.join(''); },
  isEmptyBuffer() { return summaryBuffer.length === 0; },
  emptyBuffer() { summaryBuffer.length = 0; return this; },
  async clear() { const f = process.env.GITHUB_STEP_SUMMARY; if (f) fs.writeFileSync(f, ''); return this.emptyBuffer(); },
  async write(options) {
    const f = process.env.GITHUB_STEP_SUMMARY;
    if (!f) throw new Error('GITHUB_STEP_SUMMARY is not set; this script must run as a workflow step');
    (options && options.overwrite ? fs.writeFileSync : fs.appendFileSync)(f, this.stringify(), 'utf8');
    return this.emptyBuffer();
  },
};

const core = {
  getInput(name, options) {
    const v = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !v) throw new Error(`Input required and not supplied: ${name}`);
    return options && options.trimWhitespace === false ? v : v.trim();
  },
  getMultilineInput(name, options) {
    const lines = core.getInput(name, options).split('\n').filter(x => x !== '');
    return options && options.trimWhitespace === false ? lines : lines.map(l => l.trim());
  },
  getBooleanInput(name, options) {
    const v = core.getInput(name, options);
    if (['true', 'True', 'TRUE'].includes(v)) return true;
    if (['false', 'False', 'FALSE'].includes(v)) return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
      'Support boolean input list: `true | True | TRUE | false | False | FALSE`');
  },
  setOutput(name, value) { fileCommand('GITHUB_OUTPUT', name, value); },
  exportVariable(name, value) { process.env[name] = toCommandValue(value); fileCommand('GITHUB_ENV', name, value); },
  addPath(p) { fileCommand('GITHUB_PATH', undefined, p); process.env.PATH = `${p}${path.delimiter}${process.env.PATH}`; },
  setSecret(secret) { issue('add-mask', {}, secret); },
  setCommandEcho(enabled) { issue('echo', {}, enabled ? 'on' : 'off'); },
  setFailed(message) { process.exitCode = 1; core.error(message); },
  isDebug() { return process.env.RUNNER_DEBUG === '1'; },
  debug(message) { issue('debug', {}, message); },
  error(message, props) { issue('error', annotationProps(props), message instanceof Error ? message.toString() : message); },
  warning(message, props) { issue('warning', annotationProps(props), message instanceof Error ? message.toString() : message); },
  notice(message, props) { issue('notice', annotationProps(props), message instanceof Error ? message.toString() : message); },
  info(message) { process.stdout.write(message + os.EOL); },
  startGroup(name) { issue('group', {}, name); },
  endGroup() { issue('endgroup', {}, ''); },
  async group(name, fn) { core.startGroup(name); try { return await fn(); } finally { core.endGroup(); } },
  saveState(name, value) { fileCommand('GITHUB_STATE', name, value); },
  getState(name) { return process.env[`STATE_${name}`] || ''; },
  async getIDToken() { throw new Error('core.getIDToken: continuum run has no OIDC token provider (no network, no forge)'); },
  toPosixPath(p) { return p.replace(/[\\]/g, '/'); },
  toWin32Path(p) { return p.replace(/[/]/g, '\\'); },
  toPlatformPath(p) { return p.replace(/[/\\]/g, path.sep); },
  summary,
  ExitCode: { Success: 0, Failure: 1 },
};

function readEvent() {
  const f = process.env.GITHUB_EVENT_PATH;
  if (f && fs.existsSync(f)) {
    try { return JSON.parse(fs.readFileSync(f, 'utf8')); } catch (e) { core.warning(`GITHUB_EVENT_PATH ${f} is not JSON: ${e.message}`); }
  }
  return {};
}
const payload = readEvent();
const context = {
  payload,
  eventName: process.env.GITHUB_EVENT_NAME,
  sha: process.env.GITHUB_SHA,
  ref: process.env.GITHUB_REF,
  workflow: process.env.GITHUB_WORKFLOW,
  action: process.env.GITHUB_ACTION,
  actor: process.env.GITHUB_ACTOR,
  job: process.env.GITHUB_JOB,
  runAttempt: parseInt(process.env.GITHUB_RUN_ATTEMPT, 10),
  runNumber: parseInt(process.env.GITHUB_RUN_NUMBER, 10),
  runId: parseInt(process.env.GITHUB_RUN_ID, 10),
  apiUrl: process.env.GITHUB_API_URL || 'https://api.github.com',
  serverUrl: process.env.GITHUB_SERVER_URL || 'https://github.com',
  graphqlUrl: process.env.GITHUB_GRAPHQL_URL || 'https://api.github.com/graphql',
  get repo() {
    if (process.env.GITHUB_REPOSITORY) {
      const [owner, repo] = process.env.GITHUB_REPOSITORY.split('/');
      return { owner, repo };
    }
    if (payload.repository) return { owner: payload.repository.owner.login, repo: payload.repository.name };
    throw new Error("context.repo requires a GITHUB_REPOSITORY environment variable like 'owner/repo'");
  },
  get issue() {
    return { ...this.repo, number: (payload.issue || payload.pull_request || payload).number };
  },
};

// The GitHub API client: every request needs a forge, which a local run does not have. Any property chain can be
// built (github.rest.issues.create, github.paginate, github.graphql ...); calling it rejects with a clear message.
const NO_FORGE = 'the GitHub API is not available here: continuum run has no forge configured (it runs offline);' +
  ' this call would have been';
function client(pathParts) {
  const fn = function () {};
  return new Proxy(fn, {
    get(_, prop) {
      if (prop === 'then') return undefined; // not a promise
      if (typeof prop === 'symbol') return undefined;
      return client(pathParts.concat(String(prop)));
    },
    apply(_, __, args) {
      const name = ['github'].concat(pathParts).join('.');
      const route = typeof args[0] === 'string' ? ` ${args[0]}` : '';
      return Promise.reject(new Error(`${NO_FORGE} ${name}(${route.trim()})`));
    },
  });
}
const github = client([]);

function which(tool) {
  if (tool.includes('/')) return fs.existsSync(tool) ? tool : '';
  for (const dir of (process.env.PATH || '').split(path.delimiter)) {
    const candidate = path.join(dir, tool);
    try { fs.accessSync(candidate, fs.constants.X_OK); if (fs.statSync(candidate).isFile()) return candidate; } catch (e) { /* next */ }
  }
  return '';
}
const exec = {
  getExecOutput(command, args, options) {
    const opts = options || {};
    return new Promise((resolve, reject) => {
      const child = childProcess.spawn(command, args || [], { cwd: opts.cwd, env: opts.env || process.env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', d => { stdout += d; if (!opts.silent) process.stdout.write(d); if (opts.listeners && opts.listeners.stdout) opts.listeners.stdout(d); });
      child.stderr.on('data', d => { stderr += d; if (!opts.silent) process.stderr.write(d); if (opts.listeners && opts.listeners.stderr) opts.listeners.stderr(d); });
      child.on('error', reject);
      child.on('close', code => {
        if (code !== 0 && !opts.ignoreReturnCode) reject(new Error(`The process '${command}' failed with exit code ${code}`));
        else resolve({ exitCode: code, stdout, stderr });
      });
    });
  },
  async exec(command, args, options) { return (await exec.getExecOutput(command, args, options)).exitCode; },
};
const io = {
  async mkdirP(p) { fs.mkdirSync(p, { recursive: true }); },
  async rmRF(p) { fs.rmSync(p, { recursive: true, force: true }); },
  async cp(src, dest, options) { fs.cpSync(src, dest, { recursive: !!(options && options.recursive), force: !(options && options.force === false) }); },
  async mv(src, dest) { fs.renameSync(src, dest); },
  async which(tool, check) { const w = which(tool); if (check && !w) throw new Error(`Unable to locate executable file: ${tool}`); return w; },
};
const glob = {
  async create() { throw new Error('glob.create: @actions/glob is not part of continuum\'s built-in github-script yet; use fs or exec'); },
  async hashFiles() { throw new Error('glob.hashFiles: @actions/glob is not part of continuum\'s built-in github-script yet; use hashFiles() in an expression'); },
};

// require as upstream wraps it: relative paths resolve from the working directory, modules from its node_modules.
const workspaceRequire = createRequire(path.join(process.cwd(), 'noop.js'));
function wrappedRequire(id) {
  try { return workspaceRequire(id.startsWith('.') ? path.resolve(process.cwd(), id) : id); } catch (e) { return require(id); }
}

async function main() {
  const script = core.getInput('script', { required: true });
  const encoding = core.getInput('result-encoding') || 'json';
  if (encoding !== 'json' && encoding !== 'string') {
    throw new Error('"result-encoding" must be either "string" or "json"');
  }
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  const fn = new AsyncFunction('require', '__original_require__', 'github', 'octokit', 'context', 'core', 'exec',
    'glob', 'io', 'fetch', script);
  const result = await fn(wrappedRequire, require, github, github, context, core, exec, glob, io, globalThis.fetch);
  core.setOutput('result', encoding === 'string' ? String(result) : JSON.stringify(result));
}

main().catch(error => {
  console.error(error);
  core.setFailed(`Unhandled error: ${error}`);
});
