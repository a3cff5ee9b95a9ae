package dev.continuum.engine.actions;

import dev.continuum.workflow.diag.Diagnostic;
import dev.continuum.workflow.load.ActionLoader;
import dev.continuum.workflow.model.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The built-in actions on the class path, and a helper to read their metadata. */
public final class Builtins {

    private Builtins() {
    }

    /** Every {@link BuiltinAction} that {@link ServiceLoader} finds, found once. */
    public static List<BuiltinAction> all() {
        return Holder.ALL;
    }

    private static final class Holder {
        static final List<BuiltinAction> ALL = load();

        private static List<BuiltinAction> load() {
            // A built-in that cannot load is a packaging fault: it fails loudly (ServiceConfigurationError), never
            // silently sending its users to the action store.
            List<BuiltinAction> list = new ArrayList<>();
            for (BuiltinAction b : ServiceLoader.load(BuiltinAction.class, BuiltinAction.class.getClassLoader())) {
                list.add(b);
            }
            return List.copyOf(list);
        }
    }

    /** Reads an {@code action.yml} shipped as a class-path resource next to {@code owner}. */
    public static Action metadata(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " next to " + owner.getName());
            }
            ActionLoader.Loaded l = new ActionLoader().load(resource, in.readAllBytes());
            List<Diagnostic> errors = l.diagnostics().stream().filter(Diagnostic::isError).toList();
            if (!errors.isEmpty() || l.action().isEmpty()) {
                throw new IllegalStateException("invalid built-in metadata " + resource + ": " + errors);
            }
            return l.action().get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
