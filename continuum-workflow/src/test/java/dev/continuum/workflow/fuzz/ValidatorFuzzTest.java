package dev.continuum.workflow.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.workflow.validate.ActionValidator;
import dev.continuum.workflow.validate.ValidationOptions;
import dev.continuum.workflow.validate.WorkflowValidator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Feeds the YAML loader and the validator (which runs the expression parser on every expression) with inputs
 * mutated from real workflows and with random ones. Seeded, so a failure reproduces; bounded by a case count
 * ({@code -Dcontinuum.fuzz.cases}, default 1,000,000) and a time budget ({@code -Dcontinuum.fuzz.seconds},
 * default 150). Any exception fails the test with the seed, case number and input.
 */
class ValidatorFuzzTest {

    private static final long CASES = Long.getLong("continuum.fuzz.cases", 1_000_000L);
    private static final long SECONDS = Long.getLong("continuum.fuzz.seconds", 150L);
    private static final long SEED = Long.getLong("continuum.fuzz.seed", 20261127L);

    private static final String[] TOKENS = {":", ": ", "- ", "\n", "\n  ", "\t", "{", "}", "[", "]", ",", "'", "\"", "#",
        "&a ", "*a", "!!str ", "!!int ", "!!bool ", "!custom ", "|", ">-", "---\n", "...\n", "${{", "}}", "${{ }}",
        "${{ github.event.pull_request.title }}", "${{ needs.x.outputs.y }}", "${{ steps.s.outputs.o }}",
        "${{ matrix.k }}", "${{ inputs.i }}", "${{ fromJSON(", "${{ format('{0}', ", "success()", " && ", " || ",
        "on:", "jobs:", "runs-on:", "steps:", "needs:", "uses:", "run:", "with:", "if:", "env:", "strategy:",
        "matrix:", "include:", "exclude:", "permissions:", "concurrency:", "services:", "container:", "secrets: inherit",
        "workflow_call:", "workflow_dispatch:", "inputs:", "schedule:\n  - cron: ", "* * * * *", "\u00a0", "\u0000",
        "\uFEFF", "é", "🚀", "<<: *a", "? ", "%YAML 1.2\n", "null", "~", "0x1F", "-.inf", "1e400"};

    @Test
    void mutatedAndRandomInputsOnlyYieldDiagnostics() throws Exception {
        List<byte[]> seeds = seeds();
        assertThat(seeds).isNotEmpty();
        ValidationOptions options = new ValidationOptions(java.util.Set.of(),
                path -> path.endsWith(".yml") ? Optional.of(seeds.get(Math.floorMod(path.hashCode(), seeds.size()))) : Optional.empty());
        WorkflowValidator workflows = new WorkflowValidator(options);
        ActionValidator actions = new ActionValidator(options);
        long deadline = System.nanoTime() + SECONDS * 1_000_000_000L;
        AtomicLong done = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final int lane = t;
            workers.add(Thread.ofPlatform().name("fuzz-" + t).start(() -> {
                SplittableRandom rnd = new SplittableRandom(SEED + lane);
                for (long i = lane; i < CASES && failures.isEmpty(); i += threads) {
                    if ((i & 1023) == lane && System.nanoTime() > deadline) {
                        break;
                    }
                    byte[] input = (i % 10 == 0) ? random(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                    try {
                        if (i % 7 == 0) {
                            actions.validate("action.yml", input);
                        } else {
                            workflows.validate("fuzz.yml", input);
                        }
                    } catch (Throwable e) {
                        failures.add("case " + i + " (seed " + (SEED + lane) + "): " + e + "\n--- input ---\n"
                                + new String(input, StandardCharsets.UTF_8));
                    }
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        System.out.println("validator fuzz: " + done.get() + " cases, " + failures.size() + " failures (seed " + SEED + ")");
        assertThat(failures).as("inputs that made the loader or validator throw").isEmpty();
        // the budget bounds the run on a slow machine; docs/conformance.md records a full run of 1,000,000 cases
        assertThat(done.get()).as("cases run within %d s", SECONDS).isGreaterThanOrEqualTo(Math.min(CASES, 10_000));
    }

    private static List<byte[]> seeds() throws IOException {
        List<byte[]> out = new ArrayList<>();
        addYaml(Path.of("src/test/resources/validate"), out);
        Path shared = Path.of(System.getProperty("continuum.root", "..")).resolve("../shared/conformance");
        for (String dir : List.of("real-workflows", "actionlint/ok", "actionlint/err")) {
            addYaml(shared.resolve(dir), out);
        }
        // keep each input small so that a million cases fit the budget: cut long workflows to their first 800 bytes
        List<byte[]> small = new ArrayList<>();
        for (byte[] b : out) {
            small.add(b.length > 800 ? java.util.Arrays.copyOf(b, 800) : b);
        }
        Collections.shuffle(small, new java.util.Random(SEED));
        return small;
    }

    private static void addYaml(Path dir, List<byte[]> out) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList()) {
                out.add(Files.readAllBytes(p));
            }
        }
    }

    static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        StringBuilder s = new StringBuilder(new String(seed, StandardCharsets.UTF_8));
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits; e++) {
            int at = s.isEmpty() ? 0 : rnd.nextInt(s.length() + 1);
            switch (rnd.nextInt(6)) {
                case 0 -> s.insert(at, TOKENS[rnd.nextInt(TOKENS.length)]);
                case 1 -> {
                    int end = Math.min(s.length(), at + rnd.nextInt(40));
                    s.delete(at, end);
                }
                case 2 -> {
                    int end = Math.min(s.length(), at + rnd.nextInt(80));
                    s.insert(Math.min(s.length(), end + rnd.nextInt(20)), s.substring(at, end));
                }
                case 3 -> {
                    if (!s.isEmpty() && at < s.length()) {
                        s.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                    }
                }
                case 4 -> s.setLength(at);
                default -> s.insert(at, "\n" + " ".repeat(rnd.nextInt(12)) + TOKENS[rnd.nextInt(TOKENS.length)]);
            }
        }
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        if (rnd.nextInt(50) == 0 && b.length > 0) {
            b[rnd.nextInt(b.length)] = (byte) (0x80 + rnd.nextInt(0x80)); // invalid UTF-8 now and then
        }
        return b;
    }

    static byte[] random(SplittableRandom rnd) {
        StringBuilder s = new StringBuilder();
        int n = rnd.nextInt(30);
        for (int i = 0; i < n; i++) {
            s.append(TOKENS[rnd.nextInt(TOKENS.length)]);
            if (rnd.nextInt(3) == 0) {
                s.append(" ".repeat(rnd.nextInt(6))).append((char) ('a' + rnd.nextInt(26)));
            }
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
