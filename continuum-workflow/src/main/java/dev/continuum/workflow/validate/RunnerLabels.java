package dev.continuum.workflow.validate;

import java.util.Locale;
import java.util.Set;

/** GitHub-hosted runner labels, as listed in GitHub's documentation. */
final class RunnerLabels {

    static final Set<String> HOSTED = Set.of(
            "ubuntu-latest", "ubuntu-24.04", "ubuntu-22.04", "ubuntu-20.04", "ubuntu-18.04",
            "ubuntu-24.04-arm", "ubuntu-22.04-arm", "ubuntu-slim",
            "windows-latest", "windows-2025", "windows-2022", "windows-2019", "windows-11-arm",
            "macos-latest", "macos-26", "macos-15", "macos-14", "macos-13", "macos-12", "macos-11",
            "macos-latest-large", "macos-15-large", "macos-14-large", "macos-13-large",
            "macos-latest-xlarge", "macos-15-xlarge", "macos-14-xlarge", "macos-13-xlarge",
            "macos-15-intel", "macos-26-intel");

    /** Labels a self-hosted runner carries by default. */
    static final Set<String> SELF_HOSTED = Set.of("self-hosted", "linux", "windows", "macos", "x64", "x86", "arm", "arm64");

    private RunnerLabels() {
    }

    static boolean isKnown(String label, Set<String> configured) {
        String l = label.toLowerCase(Locale.ROOT);
        return HOSTED.contains(l) || SELF_HOSTED.contains(l) || configured.contains(label);
    }
}
