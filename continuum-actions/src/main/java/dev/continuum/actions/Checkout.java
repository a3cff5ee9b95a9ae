package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.event.Event;
import dev.continuum.engine.run.HostGit;
import dev.continuum.engine.run.Submodules;
import dev.continuum.engine.run.Workspaces;
import dev.continuum.engine.store.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code actions/checkout}, offline: the run's own repository only. The job's workspace already holds the run's tree
 * (the working tree or the commit, as {@code continuum run} was asked); {@code path} puts it in a subdirectory,
 * {@code ref} puts another commit, branch or tag of the same repository there instead, {@code clean} empties the
 * target first. Another repository needs the network and fails clearly.
 */
public final class Checkout extends NativeAction {

    public Checkout() {
        super("actions/checkout", "v4.2.2", "checkout.yml");
    }

    @Override
    public Result run(Invocation in) throws ActionException {
        String repository = in.inputs().getOrDefault("repository", "");
        String own = in.env().getOrDefault("GITHUB_REPOSITORY", "");
        if (!repository.isEmpty() && !repository.equalsIgnoreCase(own)) {
            throw new ActionException("checking out " + repository + " needs the network; continuum runs offline and"
                    + " checks out the run's own repository (" + own + ") only", "vendor the other repository, or run"
                    + " with the real action: continuum actions pull actions/checkout@v4 and --real-action actions/checkout");
        }
        String path = in.inputs().getOrDefault("path", "");
        Path target = in.workspace().resolve(path).normalize();
        if (!target.startsWith(in.workspace())) {
            throw new ActionException("path '" + path + "' is outside the workspace", "give a path under $GITHUB_WORKSPACE");
        }
        String ref = in.inputs().getOrDefault("ref", "");
        String sha = in.env().getOrDefault("GITHUB_SHA", "");
        boolean clean = !"false".equalsIgnoreCase(in.inputs().getOrDefault("clean", "true"));
        String submodules = in.inputs().getOrDefault("submodules", "false").strip().toLowerCase(java.util.Locale.ROOT);
        if (!List.of("false", "true", "recursive").contains(submodules)) {
            throw new ActionException("submodules: '" + submodules + "' is none of false, true, recursive", "");
        }
        // the tree the target gets: the run's own (its working tree or its commit), or the commit asked for
        Event.Source source = ref.isEmpty() ? in.source() : new Event.Source(in.source().root(), true, ref);
        // the index of the tree the target was filled with: the job's workspace's, or the one this fill leaves
        Path index = Workspaces.indexOf(in.workspace());
        try {
            if (ref.isEmpty() && path.isEmpty()) {
                in.log().accept("The workspace already holds " + own + " at " + describe(in) + ".");
            } else {
                if (clean && Files.isDirectory(target)) {
                    emptyDirectory(target);
                }
                index = in.runDirectory().resolve(".checkout-index-" + System.nanoTime());
                Workspaces.fill(source, target, index);
                in.log().accept("Checked out " + own + (ref.isEmpty() ? "" : " at " + ref) + " into " + target);
            }
        } catch (IOException e) {
            throw new ActionException("could not check out " + (ref.isEmpty() ? own : ref) + ": " + e.getMessage(),
                    ref.isEmpty() ? "" : "is '" + ref + "' a branch, tag or commit of this repository?");
        }
        // HEAD: the ref asked for, else the run's repository's HEAD (GITHUB_SHA of a pull request is a merge commit
        // that exists on GitHub only)
        try {
            GitWorkspace.attach(source, target, ref, index, in.env(), in.log());
        } finally {
            HostGit.discard(index);
        }
        if (!submodules.equals("false")) {
            try {
                Submodules.fill(source, target, submodules.equals("recursive"), in.log());
            } catch (Submodules.Missing e) {
                throw new ActionException(e.getMessage(), e.hint().orElse(""));
            } catch (IOException e) {
                throw new ActionException("could not check out the submodules: " + e.getMessage(), "");
            }
        }
        sparse(in, target);
        if ("true".equalsIgnoreCase(in.inputs().getOrDefault("lfs", "false")) && source.committed()) {
            in.warning().accept("lfs: true: Git LFS files stay pointers in a checkout of a commit; continuum does not"
                    + " download LFS objects (the working tree, without --committed, has them as they are)");
        }
        String outRef = ref.isEmpty() ? in.env().getOrDefault("GITHUB_REF", "") : ref;
        return new Result(Map.of("ref", outRef, "commit", ref.isEmpty() ? sha : ref), Map.of(), List.of());
    }

    /** {@code sparse-checkout}: only the patterns' files stay in the working tree, as git's sparse checkout leaves it. */
    private static void sparse(Invocation in, Path target) throws ActionException {
        List<String> patterns = in.inputs().getOrDefault("sparse-checkout", "").lines().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        if (patterns.isEmpty()) {
            return;
        }
        if (!Files.isDirectory(target.resolve(".git"))) {
            throw new ActionException("sparse-checkout needs a .git in the workspace, and there is none (no git here,"
                    + " or the run's tree is not a git repository)", "drop sparse-checkout, or run in a git repository");
        }
        boolean cone = !"false".equalsIgnoreCase(in.inputs().getOrDefault("sparse-checkout-cone-mode", "true"));
        List<String> args = new java.util.ArrayList<>(List.of("sparse-checkout", "set", cone ? "--cone" : "--no-cone"));
        args.addAll(patterns);
        try {
            dev.continuum.engine.event.GitProcess.run(in.env(), Map.of(), target, args.toArray(String[]::new));
        } catch (IOException e) {
            throw new ActionException("sparse-checkout failed: " + e.getMessage(), "");
        }
        in.log().accept("Sparse checkout (" + (cone ? "cone" : "non-cone") + " mode): " + String.join(", ", patterns));
    }

    private static String describe(Invocation in) {
        return in.env().getOrDefault("GITHUB_REF_NAME", "") + " (" + in.env().getOrDefault("GITHUB_SHA", "") + ")";
    }

    /** Removes what {@code dir} holds, keeping the directory itself. */
    private static void emptyDirectory(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                FileTrees.deleteRecursively(p);
            }
        }
    }
}
