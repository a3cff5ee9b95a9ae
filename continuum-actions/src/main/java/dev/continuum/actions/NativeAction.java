package dev.continuum.actions;

import dev.continuum.engine.actions.ActionException;
import dev.continuum.engine.actions.BuiltinAction;
import dev.continuum.engine.actions.Builtins;
import dev.continuum.workflow.model.Action;
import java.util.List;

/** What every built-in shares: the action it stands for, the upstream version, the metadata from a resource. */
abstract class NativeAction implements BuiltinAction {

    private final String uses;
    private final String upstreamVersion;
    private final String metadataResource;
    private volatile Action metadata;

    NativeAction(String uses, String upstreamVersion, String metadataResource) {
        this.uses = uses;
        this.upstreamVersion = upstreamVersion;
        this.metadataResource = metadataResource;
    }

    @Override
    public final String uses() {
        return uses;
    }

    @Override
    public final String upstreamVersion() {
        return upstreamVersion;
    }

    /** Read on first use: a run that uses one built-in does not parse the metadata of all of them. */
    @Override
    public final Action metadata() {
        Action m = metadata;
        if (m == null) {
            synchronized (this) {
                m = metadata;
                if (m == null) {
                    m = Builtins.metadata(getClass(), metadataResource);
                    metadata = m;
                }
            }
        }
        return m;
    }

    /**
     * The installed toolchain a setup action asks for: the version input, else the version file input; the newest
     * installed match, or a failure naming what is installed.
     */
    static Toolchains.Installed pick(Invocation in, String versionInput, String fileInput, String tool,
                                     List<Toolchains.Installed> installed, String installHint) throws ActionException {
        String spec = in.inputs().getOrDefault(versionInput, "");
        String file = in.inputs().getOrDefault(fileInput, "");
        if (spec.isEmpty() && !file.isEmpty()) {
            spec = SetupFiles.versionFrom(in.workspace().resolve(file), fileInput);
        }
        String want = spec;
        return Toolchains.best(want, installed).orElseThrow(() -> new ActionException(
                tool + " " + want + " is not installed here (installed: " + Toolchains.list(installed) + ")",
                installHint + "; continuum does not download toolchains"));
    }
}
