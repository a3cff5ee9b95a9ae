package dev.continuum.engine.event;

import java.io.File;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

/**
 * Makes JGit read git's system configuration from {@code /etc/gitconfig} (or {@code $GIT_CONFIG_SYSTEM}) directly.
 * By default JGit finds it by running {@code git --version} and {@code git config --system --show-origin}, two
 * processes that cost a noticeable part of a local run's start-up.
 */
public final class JGitSetup {

    private static volatile boolean done;

    private JGitSetup() {
    }

    /** Installs the system-config reader once; later calls do nothing. */
    public static void install() {
        if (done) {
            return;
        }
        synchronized (JGitSetup.class) {
            if (done) {
                return;
            }
            SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
                @Override
                public FileBasedConfig openSystemConfig(Config parent, FS fs) {
                    String noSystem = getenv("GIT_CONFIG_NOSYSTEM");
                    String path = getenv("GIT_CONFIG_SYSTEM");
                    File file = noSystem != null && !noSystem.isEmpty() && !noSystem.equalsIgnoreCase("false")
                            ? new File("/dev/null")
                            : new File(path != null && !path.isEmpty() ? path : "/etc/gitconfig");
                    return new FileBasedConfig(parent, file, fs);
                }
            });
            done = true;
        }
    }
}
