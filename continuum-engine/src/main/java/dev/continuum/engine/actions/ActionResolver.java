package dev.continuum.engine.actions;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.load.ActionLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and loads the action a step's {@code uses:} names: {@code ./path} in the workspace, {@code owner/repo[/path]@ref}
 * in the {@link ActionStore}. Loaded metadata is kept per file and modification time.
 */
public final class ActionResolver {

    private final ActionStore store;
    private final java.util.function.Supplier<List<BuiltinAction>> builtinSource;
    private volatile @org.jspecify.annotations.Nullable Map<String, BuiltinAction> builtins;
    private final java.util.Set<String> realActions;
    private final Map<String, ResolvedAction> loaded = new ConcurrentHashMap<>();

    /**
     * A resolver with the built-in actions found on the class path, looked up on first use of a remote action (their
     * metadata costs start-up time that runs without actions should not pay).
     */
    public ActionResolver(ActionStore store) {
        this(store, Builtins::all, java.util.Set.of());
    }

    /** The same, with {@code realActions} ({@code owner/repo[/path]}) taken from the store even where a built-in exists. */
    public ActionResolver(ActionStore store, java.util.Set<String> realActions) {
        this(store, Builtins::all, realActions);
    }

    /**
     * A resolver with these built-ins; {@code realActions} ({@code owner/repo[/path]}) are taken from the store even
     * where a built-in exists.
     */
    public ActionResolver(ActionStore store, List<BuiltinAction> builtins, java.util.Set<String> realActions) {
        this(store, () -> builtins, realActions);
    }

    private ActionResolver(ActionStore store, java.util.function.Supplier<List<BuiltinAction>> builtins,
                           java.util.Set<String> realActions) {
        this.store = store;
        this.builtinSource = builtins;
        this.realActions = realActions.stream().map(r -> r.toLowerCase(java.util.Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** The built-in actions, by {@code owner/repo[/path]}. */
    public Map<String, BuiltinAction> builtins() {
        Map<String, BuiltinAction> known = builtins;
        if (known == null) {
            Map<String, BuiltinAction> m = new java.util.LinkedHashMap<>();
            for (BuiltinAction b : builtinSource.get()) {
                m.put(b.uses().toLowerCase(java.util.Locale.ROOT), b);
            }
            known = Map.copyOf(m);
            builtins = known;
        }
        return known;
    }

    /** The store remote actions come from. */
    public ActionStore store() {
        return store;
    }

    /** Resolves {@code uses} for a job whose workspace is {@code workspace}. */
    public ResolvedAction resolve(String uses, Path workspace) throws ActionException {
        if (uses.startsWith("docker://")) {
            throw new ActionException("'" + uses + "' names an image, not an action to load",
                    "a docker:// step runs its image directly");
        }
        if (uses.startsWith("./") || uses.equals(".")) {
            Path dir = workspace.resolve(uses).normalize();
            return load(uses, dir, "", "", true, "Did you forget to run actions/checkout before running your local"
                    + " action? Local actions are found in the job's workspace");
        }
        int at = uses.lastIndexOf('@');
        String[] parts = (at < 0 ? uses : uses.substring(0, at)).split("/", 3);
        if (at < 0 || at == uses.length() - 1 || parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new ActionException("'" + uses + "' is not a valid action reference",
                    "write ./path for a local action, or owner/repo[/path]@ref");
        }
        String owner = parts[0];
        String repo = parts[1];
        String ref = uses.substring(at + 1);
        String name = uses.substring(0, at);
        BuiltinAction builtin = builtins().get(name.toLowerCase(java.util.Locale.ROOT));
        Optional<Path> checkout = store.find(owner, repo, ref);
        if (builtin != null && !realActions.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            return new ResolvedAction(uses, checkout.orElse(store.directory(owner, repo, ref)), builtin.metadata(),
                    owner + "/" + repo, ref, false, Optional.of(builtin));
        }
        if (checkout.isEmpty()) {
            throw new ActionException("the action " + owner + "/" + repo + "@" + ref + " is not in the action store "
                    + store.root(), "fetch it with: continuum actions pull " + owner + "/" + repo + "@" + ref);
        }
        Path dir = parts.length == 3 ? checkout.get().resolve(parts[2]).normalize() : checkout.get();
        return load(uses, dir, owner + "/" + repo, ref, false, "the action store's copy of " + owner + "/" + repo
                + "@" + ref + " has no such action; pull it again");
    }

    private ResolvedAction load(String uses, Path dir, String repository, String ref, boolean local, String hint)
            throws ActionException {
        Path file = dir.resolve("action.yml");
        if (!Files.isRegularFile(file)) {
            file = dir.resolve("action.yaml");
        }
        if (!Files.isRegularFile(file)) {
            for (String name : List.of("Dockerfile", "dockerfile")) {
                if (Files.isRegularFile(dir.resolve(name))) {
                    // GitHub's runner takes a directory with a Dockerfile and no action.yml as a Docker action
                    Path dockerfile = dir.resolve(name);
                    var at = dev.continuum.workflow.diag.Position.ofFile(dockerfile.toString());
                    var runs = new dev.continuum.workflow.model.Action.Docker(
                            new dev.continuum.workflow.model.Text("docker", at),
                            new dev.continuum.workflow.model.Text(name, at), List.of(), Map.of(), Optional.empty(),
                            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
                    var action = new dev.continuum.workflow.model.Action(dockerfile.toString(),
                            new dev.continuum.workflow.model.Text(dir.getFileName() == null ? uses
                                    : dir.getFileName().toString(), at),
                            Optional.empty(), List.of(), List.of(), runs, Optional.empty(), at);
                    return new ResolvedAction(uses, dir, action, repository, ref, local, Optional.empty());
                }
            }
            throw new ActionException("Can't find 'action.yml', 'action.yaml' or 'Dockerfile' under '" + dir + "'",
                    hint);
        }
        String key;
        try {
            key = file + "\0" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new ActionException("cannot read " + file + ": " + e.getMessage(), "");
        }
        ResolvedAction known = loaded.get(key);
        if (known != null && known.uses().equals(uses)) {
            return known;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ActionException("cannot read " + file + ": " + e.getMessage(), "");
        }
        ActionLoader.Loaded l = new ActionLoader().load(file.toString(), bytes);
        List<Diagnostic> errors = l.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (!errors.isEmpty() || l.action().isEmpty()) {
            String first = errors.isEmpty() ? "it has no usable runs: section" : errors.getFirst().position().file() + ":"
                    + errors.getFirst().position().line() + ":" + errors.getFirst().position().column() + ": "
                    + errors.getFirst().message();
            throw new ActionException("the action " + uses + " is invalid: " + first,
                    "`continuum validate` on the action's action.yml lists every problem");
        }
        ResolvedAction r = new ResolvedAction(uses, dir, l.action().get(), repository, ref, local, Optional.empty());
        loaded.put(key, r);
        return r;
    }
}
