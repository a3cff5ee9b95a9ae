package dev.continuum.engine.container;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * The {@code docker create} flags of a container's {@code options:}, read the way the docker CLI reads them.
 *
 * <p>GitHub passes {@code options:} to {@code docker create} as they are; continuum reads them itself and gives the
 * engine the same settings. A flag it does not know is an error that names it ({@link #parse}), never dropped.
 *
 * @param env     {@code -e} entries as written: {@code NAME=value}, or {@code NAME} alone for the value in the
 *                runner's own environment
 * @param tmpfs   {@code --tmpfs} mount points to their mount options (empty for none)
 * @param volumes {@code -v} entries as written ({@code name:/path}, {@code /host:/path:ro}, {@code /path})
 */
public record CreateOptions(Optional<String> hostname, Optional<String> user, boolean privileged, List<String> env,
                            OptionalLong nanoCpus, OptionalLong memory, OptionalLong memorySwap,
                            OptionalLong memoryReservation, OptionalLong shmSize, OptionalLong pidsLimit,
                            OptionalLong cpuShares, Optional<String> cpusetCpus, Optional<String> entrypoint,
                            Map<String, String> tmpfs, List<String> volumes, List<Mount> mounts,
                            Optional<String> workdir, List<String> addHosts, boolean init, List<String> networkAliases,
                            Health health, List<Ulimit> ulimits, List<String> capAdd, List<String> capDrop,
                            List<String> securityOpt, List<String> dns, List<String> dnsSearch,
                            List<String> dnsOption, List<String> devices, List<String> groupAdd,
                            Map<String, String> labels, Map<String, String> sysctls, boolean readOnly,
                            Optional<String> stopSignal, OptionalInt stopTimeout, Optional<String> ipc,
                            Optional<String> pid, List<String> publish, List<String> expose, boolean tty,
                            boolean interactive) {

    public CreateOptions {
        env = List.copyOf(env);
        tmpfs = ordered(tmpfs);
        volumes = List.copyOf(volumes);
        mounts = List.copyOf(mounts);
        addHosts = List.copyOf(addHosts);
        networkAliases = List.copyOf(networkAliases);
        ulimits = List.copyOf(ulimits);
        capAdd = List.copyOf(capAdd);
        capDrop = List.copyOf(capDrop);
        securityOpt = List.copyOf(securityOpt);
        dns = List.copyOf(dns);
        dnsSearch = List.copyOf(dnsSearch);
        dnsOption = List.copyOf(dnsOption);
        devices = List.copyOf(devices);
        groupAdd = List.copyOf(groupAdd);
        labels = ordered(labels);
        sysctls = ordered(sysctls);
        publish = List.copyOf(publish);
        expose = List.copyOf(expose);
    }

    /** No options at all. */
    public static final CreateOptions NONE = new Builder().build();

    /**
     * The health check flags ({@code --health-*}); empty values leave the image's own {@code HEALTHCHECK}.
     *
     * @param command  {@code --health-cmd}, run by {@code /bin/sh -c} as the docker CLI's {@code CMD-SHELL}
     * @param disabled {@code --no-healthcheck}
     */
    public record Health(Optional<String> command, Optional<Duration> interval, Optional<Duration> timeout,
                         Optional<Duration> startPeriod, Optional<Duration> startInterval, OptionalInt retries,
                         boolean disabled) {

        /** No health flag given. */
        public static final Health NONE = new Health(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), OptionalInt.empty(), false);

        /** Whether any health flag was given. */
        public boolean given() {
            return !equals(NONE);
        }
    }

    /** {@code --ulimit name=soft[:hard]}. */
    public record Ulimit(String name, long soft, long hard) {
    }

    /** {@code --mount type=bind|volume|tmpfs,source=…,target=…[,readonly]}. */
    public record Mount(String type, String source, String target, boolean readOnly) {
    }

    /** The flags {@link #parse} understands, as the docker CLI names them, for messages. */
    public static List<String> supportedFlags() {
        return List.copyOf(new TreeSet<>(Flag.NAMES.keySet()).stream().filter(n -> n.startsWith("--")).toList());
    }

    /**
     * Reads an {@code options:} string: words split as a POSIX shell splits them (quotes group, a backslash escapes),
     * each flag as {@code --flag value}, {@code --flag=value}, {@code -f value} or {@code -fvalue}.
     *
     * @throws ContainerException for a flag that is not supported, a missing or unreadable value, or a quote left open
     */
    public static CreateOptions parse(String options) throws ContainerException {
        List<String> words = words(options);
        Builder b = new Builder();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (!word.startsWith("-") || word.equals("-") || word.equals("--")) {
                throw new ContainerException("container options: '" + word + "' is not a docker create flag",
                        "options: holds flags only, such as --health-cmd pg_isready; the image and command are"
                                + " set by image:, and entrypoint and command are not options");
            }
            String name;
            Optional<String> inline = Optional.empty();
            if (word.startsWith("--")) {
                int eq = word.indexOf('=');
                name = eq < 0 ? word : word.substring(0, eq);
                if (eq >= 0) {
                    inline = Optional.of(word.substring(eq + 1));
                }
            } else {
                name = word.substring(0, 2);
                if (word.length() > 2) {
                    String rest = word.substring(2);
                    inline = Optional.of(rest.startsWith("=") ? rest.substring(1) : rest);
                }
            }
            Flag flag = Flag.NAMES.get(name);
            if (flag == null) {
                throw unsupported(name);
            }
            if (flag.bool) {
                if (inline.isPresent() && !name.startsWith("--")) {
                    // -it: several one-letter switches in one word
                    for (char c : inline.get().toCharArray()) {
                        Flag f = Flag.NAMES.get("-" + c);
                        if (f == null || !f.bool) {
                            throw f == null ? unsupported("-" + c) : new ContainerException("container options: -" + c
                                    + " needs a value and cannot be combined with " + name, "write it as a word of its own");
                        }
                        f.apply(b, "-" + c, "true");
                    }
                    flag.apply(b, name, "true");
                    continue;
                }
                String v = inline.orElse("true").toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new ContainerException("container options: " + name + "=" + inline.get()
                            + " is not a boolean", "write " + name + " or " + name + "=false");
                }
                flag.apply(b, name, v);
                continue;
            }
            String value;
            if (inline.isPresent()) {
                value = inline.get();
            } else if (i + 1 < words.size()) {
                value = words.get(++i);
            } else {
                throw new ContainerException("container options: " + name + " needs a value", "");
            }
            flag.apply(b, name, value);
        }
        return b.build();
    }

    private static ContainerException unsupported(String name) {
        String hint = switch (name) {
            case "--network", "--net" -> "GitHub does not support --network in options: either; the job's containers"
                    + " share a network of their own, where each service is reached by its id";
            case "--name" -> "continuum names the containers it creates itself, as GitHub's runner does";
            case "--rm", "-d", "--detach", "--restart" -> "continuum creates and removes the job's containers itself";
            default -> "supported: " + String.join(", ", supportedFlags());
        };
        return new ContainerException("container options: " + name + " is not supported", hint);
    }

    /**
     * Splits options into words as a POSIX shell would, without expansions: blanks separate, {@code '…'} is literal,
     * {@code "…"} groups with {@code \"}, {@code \\} and {@code \$} escaped, and a backslash outside quotes escapes the
     * next character.
     *
     * @throws ContainerException when a quote is not closed
     */
    public static List<String> words(String text) throws ContainerException {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new ContainerException("container options: a ' quote is not closed in: " + text, "");
                }
                w.append(text, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < text.length() && text.charAt(j) != '"'; j++) {
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < text.length() && "\"\\$`".indexOf(text.charAt(j + 1)) >= 0) {
                        w.append(text.charAt(++j));
                    } else {
                        w.append(d);
                    }
                }
                if (j >= text.length()) {
                    throw new ContainerException("container options: a \" quote is not closed in: " + text, "");
                }
                i = j;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                if (next != '\n') {
                    w.append(next);
                    inWord = true;
                }
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }

    /**
     * A Go duration as the docker CLI reads one: numbers with units {@code ns us µs ms s m h}, such as {@code 10s},
     * {@code 1m30s} or {@code 1.5s}.
     */
    static Duration duration(String flag, String text) throws ContainerException {
        String s = text.strip();
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw badDuration(flag, text);
        }
        long nanos = 0;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            if (start == i) {
                throw badDuration(flag, text);
            }
            double number;
            try {
                number = Double.parseDouble(s.substring(start, i));
            } catch (NumberFormatException e) {
                throw badDuration(flag, text);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            double unit = switch (s.substring(unitStart, i)) {
                case "ns" -> 1;
                case "us", "µs", "μs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> throw badDuration(flag, text);
            };
            nanos += Math.round(number * unit);
        }
        return Duration.ofNanos(nanos);
    }

    private static ContainerException badDuration(String flag, String text) {
        return new ContainerException("container options: " + flag + " '" + text + "' is not a duration",
                "write a number with a unit, such as 10s, 500ms or 1m30s");
    }

    /** A size in bytes as the docker CLI reads one: {@code 512m}, {@code 1g}, {@code 1024}, {@code 2GB} (1024-based). */
    static long bytes(String flag, String text) throws ContainerException {
        String s = text.strip().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
            end++;
        }
        String unit = s.substring(end).strip();
        if (unit.endsWith("b") && unit.length() == 2) {
            unit = unit.substring(0, 1);
        } else if (unit.endsWith("ib") && unit.length() == 3) {
            unit = unit.substring(0, 1);
        }
        long factor = switch (unit) {
            case "", "b" -> 1L;
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            case "p" -> 1L << 50;
            default -> -1L;
        };
        if (end == 0 || factor < 0) {
            throw new ContainerException("container options: " + flag + " '" + text + "' is not a size",
                    "write a number of bytes with an optional unit b, k, m or g, such as 512m");
        }
        try {
            return (long) (Double.parseDouble(s.substring(0, end)) * factor);
        } catch (NumberFormatException e) {
            throw new ContainerException("container options: " + flag + " '" + text + "' is not a size", "");
        }
    }

    private static long number(String flag, String text) throws ContainerException {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new ContainerException("container options: " + flag + " '" + text + "' is not a whole number", "");
        }
    }

    private static Map<String, String> ordered(Map<String, String> m) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(m));
    }

    /** How the value of one flag goes into the builder. */
    @FunctionalInterface
    private interface Setter {
        void set(Builder b, String flag, String value) throws ContainerException;
    }

    /** The flags, by every name they go by. */
    private record Flag(boolean bool, Setter setter) {
        static final Map<String, Flag> NAMES = new LinkedHashMap<>();

        static {
            value(Builder::hostname, "--hostname", "-h");
            value(Builder::user, "--user", "-u");
            bool((b, f, v) -> b.privileged = v.equals("true"), "--privileged");
            value((b, f, v) -> b.env.add(v), "--env", "-e");
            value((b, f, v) -> {
                double cpus;
                try {
                    cpus = Double.parseDouble(v.strip());
                } catch (NumberFormatException e) {
                    throw new ContainerException("container options: " + f + " '" + v + "' is not a number of CPUs",
                            "write a decimal number such as 1.5");
                }
                b.nanoCpus = OptionalLong.of(Math.round(cpus * 1e9));
            }, "--cpus");
            value((b, f, v) -> b.memory = OptionalLong.of(bytes(f, v)), "--memory", "-m");
            value((b, f, v) -> b.memorySwap = OptionalLong.of(v.strip().equals("-1") ? -1 : bytes(f, v)),
                    "--memory-swap");
            value((b, f, v) -> b.memoryReservation = OptionalLong.of(bytes(f, v)), "--memory-reservation");
            value((b, f, v) -> b.shmSize = OptionalLong.of(bytes(f, v)), "--shm-size");
            value((b, f, v) -> b.pidsLimit = OptionalLong.of(number(f, v)), "--pids-limit");
            value((b, f, v) -> b.cpuShares = OptionalLong.of(number(f, v)), "--cpu-shares", "-c");
            value((b, f, v) -> b.cpusetCpus = Optional.of(v), "--cpuset-cpus");
            value((b, f, v) -> b.entrypoint = Optional.of(v), "--entrypoint");
            value((b, f, v) -> {
                int colon = v.indexOf(':');
                b.tmpfs.put(colon < 0 ? v : v.substring(0, colon), colon < 0 ? "" : v.substring(colon + 1));
            }, "--tmpfs");
            value((b, f, v) -> b.volumes.add(v), "--volume", "-v");
            value((b, f, v) -> b.mounts.add(mount(v)), "--mount");
            value((b, f, v) -> b.workdir = Optional.of(v), "--workdir", "-w");
            value((b, f, v) -> b.addHosts.add(v), "--add-host");
            bool((b, f, v) -> b.init = v.equals("true"), "--init");
            value((b, f, v) -> b.networkAliases.add(v), "--network-alias");
            value((b, f, v) -> b.healthCmd = Optional.of(v), "--health-cmd");
            value((b, f, v) -> b.healthInterval = Optional.of(duration(f, v)), "--health-interval");
            value((b, f, v) -> b.healthTimeout = Optional.of(duration(f, v)), "--health-timeout");
            value((b, f, v) -> b.healthStartPeriod = Optional.of(duration(f, v)), "--health-start-period");
            value((b, f, v) -> b.healthStartInterval = Optional.of(duration(f, v)), "--health-start-interval");
            value((b, f, v) -> {
                long n = number(f, v);
                if (n < 0 || n > Integer.MAX_VALUE) {
                    throw new ContainerException("container options: " + f + " must be 0 or more, not " + v, "");
                }
                b.healthRetries = OptionalInt.of((int) n);
            }, "--health-retries");
            bool((b, f, v) -> b.noHealthcheck = v.equals("true"), "--no-healthcheck");
            value((b, f, v) -> b.ulimits.add(ulimit(v)), "--ulimit");
            value((b, f, v) -> b.capAdd.add(v), "--cap-add");
            value((b, f, v) -> b.capDrop.add(v), "--cap-drop");
            value((b, f, v) -> b.securityOpt.add(v), "--security-opt");
            value((b, f, v) -> b.dns.add(v), "--dns");
            value((b, f, v) -> b.dnsSearch.add(v), "--dns-search");
            value((b, f, v) -> b.dnsOption.add(v), "--dns-option");
            value((b, f, v) -> b.devices.add(v), "--device");
            value((b, f, v) -> b.groupAdd.add(v), "--group-add");
            value((b, f, v) -> put(b.labels, v), "--label", "-l");
            value((b, f, v) -> put(b.sysctls, v), "--sysctl");
            bool((b, f, v) -> b.readOnly = v.equals("true"), "--read-only");
            value((b, f, v) -> b.stopSignal = Optional.of(v), "--stop-signal");
            value((b, f, v) -> b.stopTimeout = OptionalInt.of((int) number(f, v)), "--stop-timeout");
            value((b, f, v) -> b.ipc = Optional.of(v), "--ipc");
            value((b, f, v) -> b.pid = Optional.of(v), "--pid");
            value((b, f, v) -> b.publish.add(v), "--publish", "-p");
            value((b, f, v) -> b.expose.add(v), "--expose");
            bool((b, f, v) -> b.tty = v.equals("true"), "--tty", "-t");
            bool((b, f, v) -> b.interactive = v.equals("true"), "--interactive", "-i");
        }

        void apply(Builder b, String name, String value) throws ContainerException {
            setter.set(b, name, value);
        }

        private static void value(Setter s, String... names) {
            for (String n : names) {
                NAMES.put(n, new Flag(false, s));
            }
        }

        private static void bool(Setter s, String... names) {
            for (String n : names) {
                NAMES.put(n, new Flag(true, s));
            }
        }

        private static void put(Map<String, String> into, String kv) {
            int eq = kv.indexOf('=');
            into.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }

        private static Ulimit ulimit(String v) throws ContainerException {
            int eq = v.indexOf('=');
            String hint = "write --ulimit NAME=SOFT[:HARD], such as nofile=1024:2048";
            if (eq <= 0) {
                throw new ContainerException("container options: --ulimit '" + v + "' has no limit", hint);
            }
            String name = v.substring(0, eq);
            String[] limits = v.substring(eq + 1).split(":", -1);
            try {
                long soft = Long.parseLong(limits[0]);
                long hard = limits.length > 1 ? Long.parseLong(limits[1]) : soft;
                if (limits.length > 2 || soft > hard) {
                    throw new ContainerException("container options: --ulimit '" + v + "' is not NAME=SOFT[:HARD]"
                            + " with SOFT at most HARD", hint);
                }
                return new Ulimit(name, soft, hard);
            } catch (NumberFormatException e) {
                throw new ContainerException("container options: --ulimit '" + v + "' is not a number", hint);
            }
        }

        private static Mount mount(String v) throws ContainerException {
            String type = "volume";
            String source = "";
            String target = "";
            boolean ro = false;
            for (String part : v.split(",")) {
                int eq = part.indexOf('=');
                String key = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
                String val = eq < 0 ? "" : part.substring(eq + 1).strip();
                switch (key) {
                    case "type" -> type = val;
                    case "source", "src" -> source = val;
                    case "target", "destination", "dst" -> target = val;
                    case "readonly", "ro" -> ro = val.isEmpty() || val.equals("true") || val.equals("1");
                    default -> throw new ContainerException("container options: --mount key '" + key
                            + "' is not supported", "supported keys: type, source, target, readonly");
                }
            }
            if (!List.of("bind", "volume", "tmpfs").contains(type) || target.isEmpty()
                    || (type.equals("bind") && source.isEmpty())) {
                throw new ContainerException("container options: --mount '" + v + "' needs type=bind|volume|tmpfs"
                        + " and a target (and a source for a bind mount)", "");
            }
            return new Mount(type, source, target, ro);
        }
    }

    /** Collects flags in the order they come; later single values replace earlier ones, as the docker CLI does. */
    private static final class Builder {
        Optional<String> hostname = Optional.empty();
        Optional<String> user = Optional.empty();
        boolean privileged;
        final List<String> env = new ArrayList<>();
        OptionalLong nanoCpus = OptionalLong.empty();
        OptionalLong memory = OptionalLong.empty();
        OptionalLong memorySwap = OptionalLong.empty();
        OptionalLong memoryReservation = OptionalLong.empty();
        OptionalLong shmSize = OptionalLong.empty();
        OptionalLong pidsLimit = OptionalLong.empty();
        OptionalLong cpuShares = OptionalLong.empty();
        Optional<String> cpusetCpus = Optional.empty();
        Optional<String> entrypoint = Optional.empty();
        final Map<String, String> tmpfs = new LinkedHashMap<>();
        final List<String> volumes = new ArrayList<>();
        final List<Mount> mounts = new ArrayList<>();
        Optional<String> workdir = Optional.empty();
        final List<String> addHosts = new ArrayList<>();
        boolean init;
        final List<String> networkAliases = new ArrayList<>();
        Optional<String> healthCmd = Optional.empty();
        Optional<Duration> healthInterval = Optional.empty();
        Optional<Duration> healthTimeout = Optional.empty();
        Optional<Duration> healthStartPeriod = Optional.empty();
        Optional<Duration> healthStartInterval = Optional.empty();
        OptionalInt healthRetries = OptionalInt.empty();
        boolean noHealthcheck;
        final List<Ulimit> ulimits = new ArrayList<>();
        final List<String> capAdd = new ArrayList<>();
        final List<String> capDrop = new ArrayList<>();
        final List<String> securityOpt = new ArrayList<>();
        final List<String> dns = new ArrayList<>();
        final List<String> dnsSearch = new ArrayList<>();
        final List<String> dnsOption = new ArrayList<>();
        final List<String> devices = new ArrayList<>();
        final List<String> groupAdd = new ArrayList<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        final Map<String, String> sysctls = new LinkedHashMap<>();
        boolean readOnly;
        Optional<String> stopSignal = Optional.empty();
        OptionalInt stopTimeout = OptionalInt.empty();
        Optional<String> ipc = Optional.empty();
        Optional<String> pid = Optional.empty();
        final List<String> publish = new ArrayList<>();
        final List<String> expose = new ArrayList<>();
        boolean tty;
        boolean interactive;

        static void hostname(Builder b, String flag, String v) {
            b.hostname = Optional.of(v);
        }

        static void user(Builder b, String flag, String v) {
            b.user = Optional.of(v);
        }

        CreateOptions build() {
            Health health = new Health(healthCmd, healthInterval, healthTimeout, healthStartPeriod,
                    healthStartInterval, healthRetries, noHealthcheck);
            return new CreateOptions(hostname, user, privileged, env, nanoCpus, memory, memorySwap, memoryReservation,
                    shmSize, pidsLimit, cpuShares, cpusetCpus, entrypoint, tmpfs, volumes, mounts, workdir, addHosts,
                    init, networkAliases, health, ulimits, capAdd, capDrop, securityOpt, dns, dnsSearch, dnsOption,
                    devices, groupAdd, labels, sysctls, readOnly, stopSignal, stopTimeout, ipc, pid, publish, expose,
                    tty, interactive);
        }
    }
}
