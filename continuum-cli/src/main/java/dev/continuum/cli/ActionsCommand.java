package dev.continuum.cli;

import dev.continuum.engine.actions.ActionStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code continuum actions}: the offline action store. */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "Manage the offline store of actions that workflows use (owner/repo@ref).",
        subcommands = {ActionsCommand.Pull.class, ActionsCommand.ListStored.class})
final class ActionsCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ActionStore store(@Nullable Path dir) {
        return dir == null ? ActionStore.defaultStore(System.getenv()) : new ActionStore(dir.toAbsolutePath());
    }

    /** {@code continuum actions pull owner/repo@ref}. */
    @Command(name = "pull", mixinStandardHelpOptions = true,
            description = "Fetch owner/repo@ref into the action store with git (needs a network, or --from a local copy).")
    static final class Pull implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "OWNER/REPO@REF", arity = "1..*", description = "The actions to fetch, e.g. actions/checkout@v4.")
        List<String> actions;

        @Option(names = "--from", paramLabel = "URL",
                description = "The git repository to fetch from (default: https://github.com/OWNER/REPO); a path or file:// URL works offline.")
        @Nullable String from;

        @Option(names = "--action-store", paramLabel = "DIR", description = "The store (default: $XDG_CACHE_HOME or ~/.cache, then continuum/actions).")
        @Nullable Path storeDir;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            ActionStore store = store(storeDir);
            for (String a : actions) {
                int at = a.lastIndexOf('@');
                String[] parts = at < 0 ? new String[0] : a.substring(0, at).split("/");
                if (at < 0 || at == a.length() - 1 || parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                    throw new UserError("'" + a + "' is not owner/repo@ref (e.g. actions/checkout@v4)");
                }
                String ref = a.substring(at + 1);
                String url = from != null ? from : "https://github.com/" + parts[0] + "/" + parts[1];
                Path target = store.directory(parts[0], parts[1], ref);
                pull(url, ref, target);
                out.println("pulled " + parts[0] + "/" + parts[1] + "@" + ref + " into " + target);
            }
            out.flush();
            return Failures.OK;
        }

        /** Clones {@code url}, checks out {@code ref} (branch, tag or commit) and moves the tree into place. */
        private static void pull(String url, String ref, Path target) throws IOException {
            Path parent = Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(parent, ".pull-");
            try {
                try (Git git = Git.cloneRepository().setURI(url).setDirectory(tmp.toFile()).setNoCheckout(true).call()) {
                    Repository repo = git.getRepository();
                    ObjectId id = null;
                    for (String candidate : List.of("refs/tags/" + ref, "refs/remotes/origin/" + ref, ref)) {
                        id = repo.resolve(candidate + "^{commit}");
                        if (id != null) {
                            break;
                        }
                    }
                    if (id == null) {
                        throw new UserError("no branch, tag or commit '" + ref + "' in " + url);
                    }
                    // The tree of that commit, nothing else: the clone's history is dropped below.
                    git.reset().setMode(org.eclipse.jgit.api.ResetCommand.ResetType.HARD).setRef(id.name()).call();
                } catch (GitAPIException e) {
                    throw new UserError("cannot fetch " + url + ": " + e.getMessage()
                            + " (no network? fetch on a machine with one, or use --from with a local copy)");
                }
                deleteTree(tmp.resolve(".git"));
                deleteTree(target);
                Files.move(tmp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(tmp);
            }
        }
    }

    /** {@code continuum actions list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the built-in actions and the actions in the store.")
    static final class ListStored implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--action-store", paramLabel = "DIR", description = "The store (default: $XDG_CACHE_HOME or ~/.cache, then continuum/actions).")
        @Nullable Path storeDir;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            ActionStore store = store(storeDir);
            out.println("built in (used for any @ref; same inputs and outputs as upstream):");
            for (var b : dev.continuum.engine.actions.Builtins.all().stream()
                    .sorted(java.util.Comparator.comparing(dev.continuum.engine.actions.BuiltinAction::uses)).toList()) {
                out.printf("  %-28s follows %s%n", b.uses(), b.upstreamVersion());
            }
            out.println("action store: " + store.root());
            if (!Files.isDirectory(store.root())) {
                out.println("  (empty: `continuum actions pull owner/repo@ref` fills it)");
            } else {
                try (Stream<Path> s = Files.walk(store.root(), 3)) {
                    List<Path> refs = s.filter(p -> store.root().relativize(p).getNameCount() == 3 && Files.isDirectory(p))
                            .sorted().toList();
                    for (Path p : refs) {
                        Path rel = store.root().relativize(p);
                        out.println("  " + rel.getName(0) + "/" + rel.getName(1) + "@" + rel.getName(2));
                    }
                    if (refs.isEmpty()) {
                        out.println("  (empty: `continuum actions pull owner/repo@ref` fills it)");
                    }
                }
            }
            out.flush();
            return Failures.OK;
        }
    }

    static void deleteTree(Path dir) throws IOException {
        dev.continuum.engine.store.FileTrees.deleteRecursively(dir);
    }
}
