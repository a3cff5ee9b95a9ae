package dev.continuum.actions;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Version specs as the setup-* actions read them, matched against installed toolchains. */
final class Toolchains {

    private Toolchains() {
    }

    /** An installed toolchain: its version (e.g. {@code 21.0.5}) and home. */
    record Installed(String version, java.nio.file.Path home) {
    }

    /** The version's numeric parts: {@code 21.0.5+11} → [21, 0, 5]. */
    static List<Integer> parts(String version) {
        List<Integer> out = new ArrayList<>();
        for (String p : version.replaceFirst("^[vV]", "").split("[.+_-]")) {
            if (!p.matches("\\d+")) {
                break;
            }
            out.add(Integer.parseInt(p));
        }
        return out;
    }

    /**
     * Whether {@code version} satisfies {@code spec}: {@code 21}, {@code 21.0}, {@code 21.0.5} (prefix), with
     * {@code x}/{@code *} wildcards, {@code ^21}/{@code ~21.0}/{@code >=21}, or {@code lts/*}-style specs meaning any.
     */
    static boolean matches(String spec, String version) {
        String s = spec.strip();
        if (s.isEmpty() || s.equals("*") || s.equals("x") || s.equals("latest") || s.equals("node") || s.startsWith("lts")) {
            return true;
        }
        List<Integer> v = parts(version);
        if (s.startsWith(">=")) {
            return compare(v, parts(s.substring(2))) >= 0;
        }
        if (s.startsWith("^")) {
            List<Integer> want = parts(s.substring(1));
            return !want.isEmpty() && !v.isEmpty() && v.getFirst().equals(want.getFirst()) && compare(v, want) >= 0;
        }
        if (s.startsWith("~")) {
            List<Integer> want = parts(s.substring(1));
            return want.size() >= 2 && v.size() >= 2 && v.get(0).equals(want.get(0)) && v.get(1).equals(want.get(1))
                    && compare(v, want) >= 0;
        }
        String[] want = s.replaceFirst("^[vV]", "").split("\\.");
        for (int i = 0; i < want.length; i++) {
            if (want[i].equals("x") || want[i].equals("*")) {
                return true;
            }
            if (i >= v.size() || !want[i].matches("\\d+") || Integer.parseInt(want[i]) != v.get(i)) {
                return false;
            }
        }
        return true;
    }

    static int compare(List<Integer> a, List<Integer> b) {
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    /** The newest installed toolchain that satisfies {@code spec}. */
    static Optional<Installed> best(String spec, List<Installed> installed) {
        return installed.stream().filter(i -> matches(spec, i.version()))
                .max(Comparator.comparing(i -> parts(i.version()), Toolchains::compare));
    }

    /** For messages: the versions found. */
    static String list(List<Installed> installed) {
        return installed.isEmpty() ? "none" : String.join(", ", installed.stream().map(Installed::version).sorted().toList());
    }
}
