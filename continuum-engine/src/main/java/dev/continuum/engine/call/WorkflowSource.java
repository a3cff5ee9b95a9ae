package dev.continuum.engine.call;

import dev.continuum.engine.actions.ActionStore;
import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.model.Workflow;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Reads the workflows that calling jobs name: {@code ./.github/workflows/x.yml} from the repository the run is about
 * (or, inside a workflow that came from the store, from that workflow's repository), and
 * {@code owner/repo/.github/workflows/x.yml@ref} from the offline {@link ActionStore}, where
 * {@code continuum actions pull owner/repo@ref} puts it. Nothing is fetched. Each called workflow is validated once
 * per content; thread-safe.
 */
public final class WorkflowSource {

    /** The calling workflow is one of the repository's own. */
    public static final Origin REPOSITORY = new Origin.Repository();

    private final Path root;
    private final ActionStore store;
    private final Map<String, Called> cache = new ConcurrentHashMap<>();

    /**
     * @param repositoryRoot the directory {@code ./} references resolve against (the one the workflows were read from)
     * @param store          where remote workflows are found
     */
    public WorkflowSource(Path repositoryRoot, ActionStore store) {
        this.root = repositoryRoot.toAbsolutePath().normalize();
        this.store = store;
    }

    /** Where a calling workflow lives: its {@code ./} references are read from there. */
    public sealed interface Origin {

        /** The repository the run is about. */
        record Repository() implements Origin {
        }

        /** A checkout in the action store. */
        record Stored(WorkflowRef.Remote ref, Path checkout) implements Origin {
        }
    }

    /**
     * A called workflow, read and validated.
     *
     * @param ref      what the caller named
     * @param file     the name its positions carry: the repository path for a local one,
     *                 {@code owner/repo/path@ref} for a stored one
     * @param origin   where its own {@code ./} references are read from
     * @param workflow the model, empty when the file is not a workflow at all
     * @param errors   the validator's errors (a workflow with errors is not run)
     */
    public record Called(WorkflowRef ref, String file, Origin origin, Optional<Workflow> workflow,
                         List<Diagnostic> errors) {
        public Called {
            errors = List.copyOf(errors);
        }
    }

    /** The repository directory {@code ./} references resolve against. */
    public Path root() {
        return root;
    }

    /**
     * Reads and validates the workflow {@code uses} names, for a caller that lives at {@code from}.
     *
     * @throws CallException when the reference is malformed or the file is not there (the hint says how to get it)
     */
    public Called load(String uses, Origin from) throws CallException {
        WorkflowRef ref = WorkflowRef.parse(uses).orElseThrow(() -> new CallException(
                "'" + uses + "' is not a valid reusable workflow reference",
                "write ./.github/workflows/FILE.yml, or owner/repo/.github/workflows/FILE.yml@ref"));
        Path file;
        String name;
        Origin origin;
        switch (ref) {
            case WorkflowRef.Local l -> {
                if (from instanceof Origin.Stored s) {
                    file = inside(s.checkout(), l.path());
                    name = s.ref().owner() + "/" + s.ref().repo() + "/" + l.path() + "@" + s.ref().ref();
                    if (!Files.isRegularFile(file)) {
                        throw new CallException("reusable workflow \"" + uses + "\" not found in the action store's copy of "
                                + s.ref().pullable(), "pull it again: continuum actions pull " + s.ref().pullable());
                    }
                } else {
                    file = inside(root, l.path());
                    name = l.path();
                    if (!Files.isRegularFile(file)) {
                        throw new CallException("reusable workflow \"" + uses + "\" not found",
                                "the path is relative to the repository root, e.g. ./.github/workflows/build.yml");
                    }
                }
                origin = from;
            }
            case WorkflowRef.Remote r -> {
                Optional<Path> checkout = store.find(r.owner(), r.repo(), r.ref());
                if (checkout.isEmpty()) {
                    throw new CallException("the reusable workflow " + uses + " is not in the action store " + store.root(),
                            "fetch it with: continuum actions pull " + r.pullable());
                }
                file = inside(checkout.get(), r.path());
                name = uses;
                if (!Files.isRegularFile(file)) {
                    throw new CallException("the action store's copy of " + r.pullable() + " has no " + r.path(),
                            "pull it again: continuum actions pull " + r.pullable() + ", or check the path");
                }
                origin = new Origin.Stored(r, checkout.get());
            }
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CallException("cannot read " + file + ": " + e.getMessage(), "");
        }
        String key = name + "\0" + new String(bytes, StandardCharsets.UTF_8);
        Origin o = origin;
        return cache.computeIfAbsent(key, k -> {
            WorkflowValidator.Result r = new WorkflowValidator(new ValidationOptions(Set.of(), files(o))).validate(name, bytes);
            return new Called(ref, name, o, r.loaded().workflow(),
                    r.diagnostics().stream().filter(Diagnostic::isError).toList());
        });
    }

    /**
     * What the validator reads for a workflow that lives at {@code from}: repository-relative paths (local actions
     * from the repository, local workflows from where the workflow lives) and whole remote references
     * {@code owner/repo/path@ref} from the store; empty when the file is not there.
     */
    public Function<String, Optional<byte[]>> files(Origin from) {
        return relative -> {
            Optional<WorkflowRef> ref = WorkflowRef.parse(relative);
            if (ref.isPresent() && ref.get() instanceof WorkflowRef.Remote r) {
                return store.find(r.owner(), r.repo(), r.ref()).flatMap(c -> read(c, r.path()));
            }
            String path = relative.startsWith("./") ? relative.substring(2) : relative;
            if (from instanceof Origin.Stored s && path.startsWith(".github/workflows/")) {
                return read(s.checkout(), path);
            }
            return read(root, path);
        };
    }

    private static Optional<byte[]> read(Path base, String path) {
        Path p = inside(base, path);
        if (!Files.isRegularFile(p)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(p));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code base/path}, or {@code base} itself (not a file) when the path would leave it. */
    private static Path inside(Path base, String path) {
        Path b = base.toAbsolutePath().normalize();
        Path p = b.resolve(path).normalize();
        return p.startsWith(b) ? p : b;
    }
}
