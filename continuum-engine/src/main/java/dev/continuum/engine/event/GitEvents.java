package dev.continuum.engine.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.BranchConfig;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.revwalk.filter.RevFilter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link Event}s from a local git repository, the way GitHub would send them for a push of the current
 * branch, a pull request from it, a manual dispatch and so on.
 *
 * <p>The repository is opened once by {@link #open} and read with JGit; no {@code git} process is started. A
 * directory outside any repository is allowed: its events have the SHA {@code 0000…}, the ref
 * {@code refs/heads/main} and unknown changed files. When the request is not {@link EventRequest#committed()},
 * the changed files also hold the working tree's uncommitted changes (modified, staged, deleted and untracked files
 * that are not ignored), which is what a developer wants to check before pushing.
 *
 * <p>Differences from GitHub, by design: a {@code pull_request} event's SHA is HEAD itself, not a merge commit of
 * head into base (its ref is still {@code refs/pull/1/merge}); a push without an upstream starts at HEAD's parent;
 * a generated push payload lists at most {@value #MAX_PUSH_COMMITS} commits, the newest.
 *
 * <p>Not thread-safe; {@link #close()} releases the repository.
 */
public final class GitEvents implements AutoCloseable {

    /** The SHA GitHub uses for "no commit". */
    public static final String ZEROS = ObjectId.zeroId().name();

    /** How many commits a generated push payload lists at most, newest kept. */
    public static final int MAX_PUSH_COMMITS = 20;

    /** Trees are built with the node factory alone: ObjectMapper's class set-up costs ~50 ms of start-up. */
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final int PULL_REQUEST_NUMBER = 1;

    private final Path dir;
    private final @Nullable Repository repo;
    private final @Nullable IOException openError;
    private final Map<String, String> env;
    private final Clock clock;

    private GitEvents(Path dir, @Nullable Repository repo, @Nullable IOException openError, Map<String, String> env,
                      Clock clock) {
        this.dir = dir;
        this.repo = repo;
        this.openError = openError;
        this.env = Map.copyOf(env);
        this.clock = clock;
    }

    /** Finds the repository containing {@code dir} (or none); never fails: errors are reported by {@link #build}. */
    public static GitEvents open(Path dir) {
        return open(dir, System.getenv(), Clock.systemUTC());
    }

    /** As {@link #open(Path)}, with the environment ({@code GITHUB_ACTOR}) and the clock given. */
    static GitEvents open(Path dir, Map<String, String> env, Clock clock) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!insideRepository(abs)) {
            return new GitEvents(abs, null, null, env, clock); // no JGit at all: it costs start-up time
        }
        JGitSetup.install();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(abs.toFile());
        if (builder.getGitDir() == null) {
            return new GitEvents(abs, null, null, env, clock);
        }
        try {
            return new GitEvents(abs, builder.setMustExist(true).build(), null, env, clock);
        } catch (IOException | IllegalArgumentException e) {
            return new GitEvents(abs, null, e instanceof IOException io ? io : new IOException(e.getMessage(), e),
                    env, clock);
        }
    }

    /** Whether {@code dir} or a parent holds {@code .git} (a directory, or a file as in worktrees), or {@code GIT_DIR} is set. */
    private static boolean insideRepository(Path dir) {
        String gitDir = System.getenv("GIT_DIR");
        if (gitDir != null && !gitDir.isEmpty()) {
            return true;
        }
        for (Path p = dir; p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p.resolve(".git"))) {
                return true;
            }
        }
        return false;
    }

    /** The repository's working tree, or empty when the directory is not in a (non-bare) repository. */
    public Optional<Path> workTree() {
        return repo == null || repo.isBare() ? Optional.empty() : Optional.of(repo.getWorkTree().toPath());
    }

    /** Builds the event the request describes. */
    public Event build(EventRequest request) throws EventException {
        if (openError != null) {
            throw new EventException("cannot read the git repository containing " + dir + ": "
                    + openError.getMessage(), "check the repository with 'git status'");
        }
        if (repo == null) {
            if (request.committed()) {
                throw new EventException("--committed needs a git repository, but " + dir + " is not in one",
                        "run without --committed, or create a repository with 'git init' and commit");
            }
        }
        try (RevWalk walk = repo == null ? null : new RevWalk(repo)) {
            return new Build(request, walk).event();
        } catch (IOException e) {
            throw new EventException("cannot read the git repository containing " + dir + ": " + e.getMessage(),
                    "check the repository with 'git status'");
        }
    }

    @Override
    public void close() {
        if (repo != null) {
            repo.close();
        }
    }

    /** The state of one {@link #build} call. */
    private final class Build {
        private final EventRequest r;
        private final @Nullable RevWalk walk;
        private final @Nullable RevCommit head;
        private final Optional<String> branch;
        private final RepoIdentity identity;
        private final String defaultBranch;
        private final @Nullable ObjectNode file;
        private final String actor;

        Build(EventRequest r, @Nullable RevWalk walk) throws EventException, IOException {
            this.r = r;
            this.walk = walk;
            this.file = r.eventFile().isPresent() ? readPayload(r.eventFile().get()) : null;
            if (repo != null && walk != null) {
                ObjectId id = repo.resolve(Constants.HEAD);
                this.head = id == null ? null : walk.parseCommit(id);
                String full = repo.getFullBranch();
                this.branch = full != null && full.startsWith(Constants.R_HEADS)
                        ? Optional.of(full.substring(Constants.R_HEADS.length())) : Optional.empty();
                if (r.committed() && head == null) {
                    throw new EventException("--committed needs a commit, but the repository has none yet",
                            "commit first, or run without --committed");
                }
            } else {
                this.head = null;
                this.branch = Optional.empty();
            }
            this.identity = identity();
            this.defaultBranch = defaultBranch();
            this.actor = r.actor().or(() -> file == null ? Optional.empty() : text(file, "sender", "login"))
                    .or(() -> Optional.ofNullable(env.get("GITHUB_ACTOR")).filter(s -> !s.isBlank()))
                    .or(() -> Optional.ofNullable(System.getProperty("user.name")).filter(s -> !s.isBlank()))
                    .orElse("local");
        }

        Event event() throws EventException, IOException {
            if (file != null) {
                return fromFile(file);
            }
            return switch (r.name()) {
                case "push" -> push();
                case "pull_request" -> pullRequest(false);
                case "pull_request_target" -> pullRequest(true);
                case "workflow_dispatch" -> dispatch();
                case "schedule" -> schedule();
                case "release" -> release();
                default -> other();
            };
        }

        private Event push() throws EventException, IOException {
            String ref;
            if (r.tag().isPresent()) {
                ref = Constants.R_TAGS + r.tag().get();
            } else if (branch.isPresent()) {
                ref = Constants.R_HEADS + branch.get();
            } else if (repo == null) {
                ref = Constants.R_HEADS + defaultBranch;
            } else {
                throw new EventException("HEAD is detached, so there is no branch to push",
                        "check out a branch (git switch NAME), or pass --tag TAG to push a tag");
            }
            RevCommit before = null;
            if (r.before().isPresent()) {
                before = resolveCommit(r.before().get(), "--before");
            } else if (r.tag().isEmpty() && head != null) {
                // The commits the push would send: those above the upstream. When the upstream is HEAD already,
                // replay the push that brought HEAD (its parent), so that a run still sees a change.
                Optional<RevCommit> upstream = upstream();
                if (upstream.isPresent() && !upstream.get().equals(head)) {
                    before = upstream.get();
                } else if (head.getParentCount() > 0) {
                    before = parse(head.getParent(0));
                }
            }
            String beforeSha = before == null ? ZEROS : before.name();
            String after = sha();
            Optional<List<String>> files = Optional.empty();
            if (repo != null) {
                Set<String> set = new TreeSet<>();
                if (head != null) {
                    set.addAll(treeDiff(before != null ? before.getTree() : parentTree(head), head.getTree()).all());
                }
                set.addAll(uncommitted());
                files = Optional.of(List.copyOf(set));
            }
            ObjectNode p = JSON.objectNode();
            p.put("ref", ref);
            p.put("before", beforeSha);
            p.put("after", after);
            p.put("created", before == null);
            p.put("deleted", false);
            p.put("forced", before != null && head != null && !mergedInto(before, head));
            p.putNull("base_ref");
            p.put("compare", identity.htmlUrl() + "/compare/" + (before == null
                    ? ref.substring(ref.lastIndexOf('/') + 1)
                    : beforeSha.substring(0, 12) + "..." + after.substring(0, 12)));
            ArrayNode commits = p.putArray("commits");
            if (head != null) {
                for (RevCommit c : pushedCommits(before)) {
                    commits.add(commitJson(c));
                }
                p.set("head_commit", commitJson(head));
            } else {
                p.putNull("head_commit");
            }
            ObjectNode pusher = p.putObject("pusher");
            pusher.put("name", config("user", "name").orElse(actor));
            pusher.put("email", config("user", "email").orElse(actor + "@users.noreply.github.com"));
            addRepositoryAndSender(p);
            return event(p, ref, after, "", "", files);
        }

        private Event pullRequest(boolean target) throws EventException, IOException {
            String baseName = r.base().orElse(defaultBranch);
            String headName;
            if (branch.isPresent()) {
                headName = branch.get();
            } else if (repo == null) {
                headName = defaultBranch;
            } else {
                throw new EventException("HEAD is detached, so there is no branch to open a pull request from",
                        "check out the pull request's branch (git switch NAME)");
            }
            RevCommit baseCommit = null;
            if (head != null) {
                baseCommit = branchCommit(baseName).orElseThrow(() -> new EventException(
                        "the base branch '" + baseName + "' was found neither locally nor on a remote",
                        "pass --base BRANCH with an existing branch"));
            }
            Optional<List<String>> files = Optional.empty();
            if (repo != null) {
                Set<String> set = new TreeSet<>();
                if (head != null && baseCommit != null) {
                    RevCommit mergeBase = mergeBase(baseCommit, head);
                    set.addAll(treeDiff(mergeBase == null ? null : mergeBase.getTree(), head.getTree()).all());
                }
                set.addAll(uncommitted());
                files = Optional.of(List.copyOf(set));
            }
            String headSha = sha();
            String baseSha = baseCommit == null ? headSha : baseCommit.name();
            String action = r.activityOrDefault().orElse("opened");
            ObjectNode p = JSON.objectNode();
            p.put("action", action);
            p.put("number", PULL_REQUEST_NUMBER);
            ObjectNode pr = p.putObject("pull_request");
            String api = identity.apiUrl() + "/pulls/" + PULL_REQUEST_NUMBER;
            pr.put("url", api);
            pr.put("id", PULL_REQUEST_NUMBER);
            pr.put("number", PULL_REQUEST_NUMBER);
            pr.put("html_url", identity.htmlUrl() + "/pull/" + PULL_REQUEST_NUMBER);
            pr.put("diff_url", identity.htmlUrl() + "/pull/" + PULL_REQUEST_NUMBER + ".diff");
            pr.put("state", action.equals("closed") ? "closed" : "open");
            pr.put("locked", false);
            pr.put("title", r.title().orElseGet(() -> head == null ? headName : head.getShortMessage()));
            user(pr.putObject("user"), actor);
            if (r.body().isPresent()) {
                pr.put("body", r.body().get());
            } else {
                pr.putNull("body");
            }
            String now = now();
            pr.put("created_at", now);
            pr.put("updated_at", now);
            pr.putNull("closed_at");
            pr.putNull("merged_at");
            pr.putNull("merge_commit_sha");
            ArrayNode labels = pr.putArray("labels");
            for (String l : r.labels()) {
                labels.addObject().put("name", l);
            }
            pr.put("draft", r.draft());
            pr.set("head", branchJson(headName, headSha));
            pr.set("base", branchJson(baseName, baseSha));
            pr.put("author_association", "OWNER");
            pr.put("merged", false);
            addRepositoryAndSender(p);
            // GitHub runs pull_request on a merge commit of head into base; locally the SHA is HEAD itself.
            // pull_request_target runs in the context of the base branch, as on GitHub.
            String ref = target ? Constants.R_HEADS + baseName : "refs/pull/" + PULL_REQUEST_NUMBER + "/merge";
            return event(p, ref, target ? baseSha : headSha, baseName, headName, files);
        }

        private Event dispatch() {
            String ref = r.tag().map(t -> Constants.R_TAGS + t).orElseGet(this::branchRef);
            ObjectNode p = JSON.objectNode();
            ObjectNode inputs = p.putObject("inputs");
            r.inputs().forEach(inputs::put);
            p.put("ref", ref);
            addRepositoryAndSender(p);
            return event(p, ref, sha(), "", "", Optional.empty());
        }

        private Event schedule() {
            ObjectNode p = JSON.objectNode();
            r.cron().ifPresent(c -> p.put("schedule", c));
            addRepositoryAndSender(p);
            return event(p, Constants.R_HEADS + defaultBranch, sha(), "", "", Optional.empty());
        }

        private Event release() throws EventException {
            String tag = r.tag().orElseThrow(() -> new EventException("a release event needs a tag",
                    "pass --tag TAG, e.g. --tag v1.2.3"));
            ObjectNode p = JSON.objectNode();
            String action = r.activityOrDefault().orElse("published");
            p.put("action", action);
            ObjectNode rel = p.putObject("release");
            rel.put("url", identity.apiUrl() + "/releases/1");
            rel.put("html_url", identity.htmlUrl() + "/releases/tag/" + tag);
            rel.put("id", 1);
            rel.put("tag_name", tag);
            rel.put("target_commitish", branch.orElse(defaultBranch));
            rel.put("name", r.title().orElse(tag));
            if (r.body().isPresent()) {
                rel.put("body", r.body().get());
            } else {
                rel.putNull("body");
            }
            rel.put("draft", r.draft());
            rel.put("prerelease", false);
            String now = now();
            rel.put("created_at", now);
            rel.put("published_at", now);
            user(rel.putObject("author"), actor);
            rel.putArray("assets");
            rel.put("tarball_url", identity.apiUrl() + "/tarball/" + tag);
            rel.put("zipball_url", identity.apiUrl() + "/zipball/" + tag);
            addRepositoryAndSender(p);
            return event(p, Constants.R_TAGS + tag, sha(), "", "", Optional.empty());
        }

        private Event other() {
            ObjectNode p = JSON.objectNode();
            r.activityOrDefault().ifPresent(a -> p.put("action", a));
            addRepositoryAndSender(p);
            return event(p, branchRef(), sha(), "", "", Optional.empty());
        }

        /** An event from a webhook payload file: refs and SHAs from the payload where it has them, else from git. */
        private Event fromFile(ObjectNode p) throws EventException, IOException {
            r.activity().ifPresent(a -> p.put("action", a));
            if (!p.has("repository")) {
                p.set("repository", repositoryJson());
            }
            if (!p.has("sender")) {
                user(p.putObject("sender"), actor);
            }
            String name = r.name();
            String headSha = sha();
            switch (name) {
                case "push" -> {
                    String ref = text(p, "ref").map(this::qualify).orElseGet(this::branchRef);
                    String after = text(p, "after").filter(s -> !s.equals(ZEROS)).orElse(headSha);
                    Optional<List<String>> files = pushFiles(p);
                    return event(p, ref, after, "", "", files);
                }
                case "pull_request", "pull_request_target" -> {
                    long number = p.path("number").asLong(p.path("pull_request").path("number").asLong(1));
                    String base = text(p, "pull_request", "base", "ref").or(r::base).orElse(defaultBranch);
                    String headRef = text(p, "pull_request", "head", "ref").orElse(branch.orElse(defaultBranch));
                    String prHead = text(p, "pull_request", "head", "sha").orElse(headSha);
                    String prBase = text(p, "pull_request", "base", "sha").orElse(prHead);
                    Optional<List<String>> files = Optional.empty();
                    Optional<RevCommit> h = lookup(prHead);
                    Optional<RevCommit> b = lookup(prBase);
                    if (h.isPresent() && b.isPresent()) {
                        RevCommit mb = mergeBase(b.get(), h.get());
                        Set<String> set = new TreeSet<>(treeDiff(mb == null ? null : mb.getTree(),
                                h.get().getTree()).all());
                        set.addAll(uncommitted());
                        files = Optional.of(List.copyOf(set));
                    }
                    boolean target = name.equals("pull_request_target");
                    String ref = target ? Constants.R_HEADS + base : "refs/pull/" + number + "/merge";
                    return event(p, ref, target ? prBase : prHead, base, headRef, files);
                }
                case "release" -> {
                    String ref = text(p, "release", "tag_name").map(t -> Constants.R_TAGS + t)
                            .or(() -> r.tag().map(t -> Constants.R_TAGS + t)).orElseGet(this::branchRef);
                    return event(p, ref, headSha, "", "", Optional.empty());
                }
                default -> {
                    String ref = text(p, "ref").map(this::qualify).orElseGet(this::branchRef);
                    return event(p, ref, headSha, "", "", Optional.empty());
                }
            }
        }

        /** The changed files of a push payload: a local diff when both ends are known, else the payload's lists. */
        private Optional<List<String>> pushFiles(ObjectNode p) throws EventException, IOException {
            Optional<RevCommit> after = text(p, "after").flatMap(this::lookup);
            Optional<RevCommit> before = text(p, "before").flatMap(this::lookup);
            if (after.isPresent()) {
                Set<String> set = new TreeSet<>(treeDiff(
                        before.isPresent() ? before.get().getTree() : parentTree(after.get()),
                        after.get().getTree()).all());
                set.addAll(uncommitted());
                return Optional.of(List.copyOf(set));
            }
            JsonNode commits = p.path("commits");
            if (!commits.isArray() || commits.isEmpty()) {
                return Optional.empty();
            }
            Set<String> set = new TreeSet<>();
            for (JsonNode c : commits) {
                for (String key : List.of("added", "removed", "modified")) {
                    c.path(key).forEach(f -> set.add(f.asText()));
                }
            }
            return Optional.of(List.copyOf(set));
        }

        private Event event(ObjectNode payload, String ref, String sha, String baseRef, String headRef,
                            Optional<List<String>> files) {
            String repository = text(payload, "repository", "full_name").orElse(identity.fullName());
            Path top = workTree().orElse(dir);
            // A directory below the top with workflows of its own is a project of its own: its tree is what the
            // jobs get, and changed paths are relative to it (as for a bundled example inside another repository).
            Path root = !dir.equals(top) && dir.startsWith(top)
                    && java.nio.file.Files.isDirectory(dir.resolve(".github").resolve("workflows")) ? dir : top;
            String commit = head == null ? "" : head.name();
            Event.Source source = new Event.Source(root, r.committed(), commit, top);
            String prefix = source.prefix();
            Optional<List<String>> changed = prefix.isEmpty() ? files : files.map(list -> list.stream()
                    .filter(f -> f.startsWith(prefix + "/")).map(f -> f.substring(prefix.length() + 1)).toList());
            return new Event(r.name(), payload, ref, sha, baseRef, headRef, changed, actor, repository, source);
        }

        // ---- git look-ups ----

        private String sha() {
            return head == null ? ZEROS : head.name();
        }

        /** The current branch's ref, or the default branch's when HEAD is detached. */
        private String branchRef() {
            return Constants.R_HEADS + branch.orElse(defaultBranch);
        }

        private String qualify(String ref) {
            if (ref.startsWith("refs/")) {
                return ref;
            }
            boolean tag = file != null && text(file, "ref_type").map("tag"::equals).orElse(false);
            return (tag ? Constants.R_TAGS : Constants.R_HEADS) + ref;
        }

        private RevCommit parse(ObjectId id) throws IOException {
            return walk().parseCommit(id);
        }

        private RevWalk walk() {
            if (walk == null) {
                throw new IllegalStateException("no repository");
            }
            return walk;
        }

        private Repository repo() {
            if (repo == null) {
                throw new IllegalStateException("no repository");
            }
            return repo;
        }

        private RevCommit resolveCommit(String rev, String option) throws EventException {
            if (repo == null) {
                throw new EventException(option + " " + rev + " needs a git repository, but " + dir
                        + " is not in one");
            }
            try {
                ObjectId id = repo.resolve(rev + "^{commit}");
                if (id == null) {
                    throw new EventException(option + ": unknown revision '" + rev + "'",
                            "give a branch, tag or commit SHA that exists in the repository");
                }
                return parse(id);
            } catch (RevisionSyntaxException | IOException e) {
                throw new EventException(option + ": cannot resolve '" + rev + "': " + e.getMessage(),
                        "give a branch, tag or commit SHA that exists in the repository");
            }
        }

        /** A commit by SHA when the repository has it; empty otherwise (payloads from elsewhere). */
        private Optional<RevCommit> lookup(String sha) {
            if (repo == null || !ObjectId.isId(sha) || sha.equals(ZEROS)) {
                return Optional.empty();
            }
            try {
                ObjectId id = ObjectId.fromString(sha);
                return repo.getObjectDatabase().has(id) ? Optional.of(parse(id)) : Optional.empty();
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        private Optional<RevCommit> upstream() throws IOException {
            if (branch.isEmpty()) {
                return Optional.empty();
            }
            BranchConfig config = new BranchConfig(repo().getConfig(), branch.get());
            String tracking = config.getTrackingBranch();
            if (tracking == null && config.getRemote() != null && config.getMerge() != null
                    && config.getMerge().startsWith(Constants.R_HEADS)) {
                // No fetch refspec maps the branch: assume git's default, refs/remotes/<remote>/<branch>.
                tracking = Constants.R_REMOTES + config.getRemote() + "/"
                        + config.getMerge().substring(Constants.R_HEADS.length());
            }
            if (tracking == null) {
                return Optional.empty();
            }
            Ref ref = repo().exactRef(tracking);
            return ref == null || ref.getObjectId() == null ? Optional.empty() : Optional.of(parse(ref.getObjectId()));
        }

        /** A branch's commit: local, else on origin, else on another remote, else any revision of that name. */
        private Optional<RevCommit> branchCommit(String name) throws IOException {
            List<String> candidates = new ArrayList<>();
            candidates.add(Constants.R_HEADS + name);
            candidates.add(Constants.R_REMOTES + "origin/" + name);
            for (String remote : new TreeSet<>(repo().getRemoteNames())) {
                candidates.add(Constants.R_REMOTES + remote + "/" + name);
            }
            for (String c : candidates) {
                Ref ref = repo().exactRef(c);
                if (ref != null && ref.getObjectId() != null) {
                    return Optional.of(parse(ref.getObjectId()));
                }
            }
            try {
                ObjectId id = repo().resolve(name + "^{commit}");
                return id == null ? Optional.empty() : Optional.of(parse(id));
            } catch (RevisionSyntaxException e) {
                return Optional.empty();
            }
        }

        private String defaultBranch() throws IOException {
            if (repo == null) {
                return "main";
            }
            Ref originHead = repo.exactRef(Constants.R_REMOTES + "origin/HEAD");
            if (originHead != null && originHead.isSymbolic()) {
                String target = originHead.getTarget().getName();
                String prefix = Constants.R_REMOTES + "origin/";
                if (target.startsWith(prefix)) {
                    return target.substring(prefix.length());
                }
            }
            for (String candidate : List.of("main", "master")) {
                if (repo.exactRef(Constants.R_HEADS + candidate) != null
                        || repo.exactRef(Constants.R_REMOTES + "origin/" + candidate) != null) {
                    return candidate;
                }
            }
            return branch.orElse("main");
        }

        private @Nullable RevCommit mergeBase(RevCommit a, RevCommit b) throws IOException {
            RevWalk w = walk();
            w.reset();
            w.setRevFilter(RevFilter.MERGE_BASE);
            try {
                w.markStart(w.parseCommit(a));
                w.markStart(w.parseCommit(b));
                RevCommit base = w.next();
                return base == null ? null : w.parseCommit(base);
            } finally {
                w.reset();
                w.setRevFilter(RevFilter.ALL);
            }
        }

        private boolean mergedInto(RevCommit base, RevCommit tip) throws IOException {
            RevWalk w = walk();
            w.reset();
            try {
                return w.isMergedInto(base, tip);
            } finally {
                w.reset();
            }
        }

        /** The commits a push from {@code before} to HEAD sends, oldest first, at most the newest 20. */
        private List<RevCommit> pushedCommits(@Nullable RevCommit before) throws IOException {
            if (head == null) {
                return List.of();
            }
            if (before == null) {
                return List.of(head);
            }
            RevWalk w = walk();
            w.reset();
            List<RevCommit> commits = new ArrayList<>();
            try {
                w.markStart(w.parseCommit(head));
                w.markUninteresting(w.parseCommit(before));
                for (RevCommit c = w.next(); c != null && commits.size() < MAX_PUSH_COMMITS; c = w.next()) {
                    commits.add(c);
                }
            } finally {
                w.reset();
            }
            Collections.reverse(commits);
            return commits;
        }

        private @Nullable RevTree parentTree(RevCommit c) throws IOException {
            return c.getParentCount() == 0 ? null : parse(c.getParent(0)).getTree();
        }

        /** Files that differ between two trees ({@code from} empty: every file of {@code to}). */
        private FileChanges treeDiff(@Nullable RevTree from, RevTree to) throws IOException {
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            List<String> modified = new ArrayList<>();
            try (TreeWalk tw = new TreeWalk(repo(), walk().getObjectReader())) {
                tw.setRecursive(true);
                if (from == null) {
                    tw.addTree(new EmptyTreeIterator());
                } else {
                    tw.addTree(from);
                }
                tw.addTree(to);
                tw.setFilter(TreeFilter.ANY_DIFF);
                while (tw.next()) {
                    String path = tw.getPathString();
                    if (tw.getRawMode(0) == 0) {
                        added.add(path);
                    } else if (tw.getRawMode(1) == 0) {
                        removed.add(path);
                    } else {
                        modified.add(path);
                    }
                }
            }
            return new FileChanges(added, removed, modified);
        }

        /** Uncommitted changes of the working tree, or none when the request is for committed files only. */
        private Set<String> uncommitted() throws EventException {
            if (repo == null || repo.isBare() || r.committed()) {
                return Set.of();
            }
            try {
                Status s = Git.wrap(repo).status().call();
                Set<String> files = new TreeSet<>();
                for (Collection<String> c : List.of(s.getAdded(), s.getChanged(), s.getRemoved(), s.getMissing(),
                        s.getModified(), s.getUntracked(), s.getConflicting())) {
                    files.addAll(c);
                }
                return files;
            } catch (GitAPIException | RuntimeException e) {
                throw new EventException("cannot read the working tree's status: " + e.getMessage(),
                        "pass --committed to use committed files only");
            }
        }

        private Optional<String> config(String section, String key) {
            return repo == null ? Optional.empty()
                    : Optional.ofNullable(repo.getConfig().getString(section, null, key)).filter(s -> !s.isBlank());
        }

        private RepoIdentity identity() {
            Path root = workTree().orElse(dir);
            String dirName = root.getFileName() == null ? "repository" : root.getFileName().toString();
            if (repo != null) {
                String url = repo.getConfig().getString("remote", "origin", "url");
                if (url == null) {
                    for (String remote : new TreeSet<>(repo.getRemoteNames())) {
                        url = repo.getConfig().getString("remote", remote, "url");
                        if (url != null) {
                            break;
                        }
                    }
                }
                Optional<RemoteUrl> parsed = url == null ? Optional.empty() : RemoteUrl.parse(url);
                if (parsed.isPresent()) {
                    return new RepoIdentity(parsed.get().host(), parsed.get().owner(), parsed.get().name());
                }
            }
            return new RepoIdentity("github.com", "local", dirName);
        }

        // ---- JSON ----

        private void addRepositoryAndSender(ObjectNode p) {
            p.set("repository", repositoryJson());
            user(p.putObject("sender"), actor);
        }

        private ObjectNode repositoryJson() {
            ObjectNode repository = JSON.objectNode();
            repository.put("name", identity.name());
            repository.put("full_name", identity.fullName());
            repository.put("private", false);
            user(repository.putObject("owner"), identity.owner());
            repository.put("html_url", identity.htmlUrl());
            repository.putNull("description");
            repository.put("fork", false);
            repository.put("url", identity.apiUrl());
            repository.put("clone_url", identity.htmlUrl() + ".git");
            repository.put("git_url", "git://" + identity.host() + "/" + identity.fullName() + ".git");
            repository.put("ssh_url", "git@" + identity.host() + ":" + identity.fullName() + ".git");
            repository.put("default_branch", defaultBranch);
            repository.put("visibility", "public");
            repository.put("archived", false);
            repository.put("disabled", false);
            repository.putArray("topics");
            return repository;
        }

        private ObjectNode branchJson(String name, String sha) {
            ObjectNode b = JSON.objectNode();
            b.put("label", identity.owner() + ":" + name);
            b.put("ref", name);
            b.put("sha", sha);
            user(b.putObject("user"), identity.owner());
            b.set("repo", repositoryJson());
            return b;
        }

        private void user(ObjectNode node, String login) {
            node.put("login", login);
            node.put("type", "User");
            node.put("html_url", "https://" + identity.host() + "/" + login);
        }

        private ObjectNode commitJson(RevCommit c) throws IOException {
            ObjectNode j = JSON.objectNode();
            j.put("id", c.name());
            j.put("tree_id", c.getTree().name());
            j.put("distinct", true);
            j.put("message", stripTrailingNewlines(c.getFullMessage()));
            j.put("timestamp", timestamp(c.getCommitterIdent()));
            j.put("url", identity.htmlUrl() + "/commit/" + c.name());
            person(j.putObject("author"), c.getAuthorIdent());
            person(j.putObject("committer"), c.getCommitterIdent());
            FileChanges changes = treeDiff(parentTree(c), c.getTree());
            changes.added().forEach(j.putArray("added")::add);
            changes.removed().forEach(j.putArray("removed")::add);
            changes.modified().forEach(j.putArray("modified")::add);
            return j;
        }

        private static void person(ObjectNode node, PersonIdent ident) {
            node.put("name", ident.getName());
            node.put("email", ident.getEmailAddress());
        }

        private String now() {
            return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        }
    }

    private static String timestamp(PersonIdent ident) {
        return OffsetDateTime.ofInstant(ident.getWhenAsInstant(), ident.getZoneId())
                .truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }

    private static Optional<String> text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isTextual() && !n.asText().isEmpty() ? Optional.of(n.asText()) : Optional.empty();
    }

    private static ObjectNode readPayload(Path path) throws EventException {
        String hint = "pass a webhook payload: one JSON object, as GitHub sends it";
        String content;
        try {
            content = Files.readString(path);
        } catch (IOException e) {
            throw new EventException("cannot read the event file " + path + ": " + e.getClass().getSimpleName()
                    .replace("Exception", "") + (e.getMessage() == null ? "" : " " + e.getMessage()), hint);
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(content);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new EventException("the event file " + path + " is not JSON: " + e.getOriginalMessage()
                    + (loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")"), hint);
        }
        if (node == null || !node.isObject()) {
            String kind = node == null || node.isMissingNode() ? "nothing" : "a JSON " + node.getNodeType()
                    .name().toLowerCase(Locale.ROOT);
            throw new EventException("the event file " + path + " must hold one JSON object, but it holds " + kind,
                    hint);
        }
        return (ObjectNode) node;
    }

    /** Files added, removed and modified between two trees. */
    private record FileChanges(List<String> added, List<String> removed, List<String> modified) {
        List<String> all() {
            List<String> all = new ArrayList<>(added);
            all.addAll(removed);
            all.addAll(modified);
            return all;
        }
    }

    /** The repository as GitHub would name it. */
    private record RepoIdentity(String host, String owner, String name) {
        String fullName() {
            return owner + "/" + name;
        }

        String htmlUrl() {
            return "https://" + host + "/" + fullName();
        }

        String apiUrl() {
            return host.equals("github.com") ? "https://api.github.com/repos/" + fullName()
                    : "https://" + host + "/api/v3/repos/" + fullName();
        }
    }
}
