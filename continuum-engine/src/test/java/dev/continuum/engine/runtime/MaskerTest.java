package dev.continuum.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskerTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(List.of("hunter2"), "password is hunter2", "password is ***"),
                Arguments.of(List.of("hunter2"), "hunter2hunter2 and hunter2", "*** and ***"),
                Arguments.of(List.of("abc"), "xxabcxx inside a word", "xx***xx inside a word"),
                Arguments.of(List.of("abcd", "cdef"), "abcdef overlaps", "*** overlaps"),
                Arguments.of(List.of("ab", "abcdef"), "abcdefg longest first", "***g longest first"),
                Arguments.of(List.of("bcd", "abcde"), "abcdef contained", "***f contained"),
                Arguments.of(List.of("aa"), "aaa", "***"),
                Arguments.of(List.of("tok"), "no secret here", "no secret here"),
                Arguments.of(List.of("a\"b"), "{\"k\":\"a\\\"b\"}", "{\"k\":\"***\"}"),
                Arguments.of(List.of("p@ss word"), "url?pw=p%40ss%20word&x=1", "url?pw=***&x=1"),
                Arguments.of(List.of("line one\n  line two  \n"), "line one", "***"),
                Arguments.of(List.of("line one\n  line two  \n"), "  line two", "  ***"),
                Arguments.of(List.of("line one\nline two"), "{\"v\":\"line one\\nline two\"}", "{\"v\":\"***\"}"),
                Arguments.of(List.of("日本語"), "秘密は日本語です", "秘密は***です"),
                Arguments.of(List.of("", "   "), "nothing   masked", "nothing   masked"),
                Arguments.of(List.of("hunter2"), "", ""));
    }

    @ParameterizedTest(name = "{0} in \"{1}\"")
    @MethodSource("cases")
    void hidesEveryOccurrence(List<String> secrets, String text, String expected) {
        Masker masker = new Masker();
        secrets.forEach(masker::add);

        assertThat(masker.mask(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in \"{1}\" among many secrets")
    @MethodSource("cases")
    void hidesEveryOccurrenceAmongManySecrets(List<String> secrets, String text, String expected) {
        Masker masker = new Masker();
        for (int i = 0; i <= Masker.SEARCH_LIMIT; i++) {
            masker.add("unrelated-secret-" + i);
        }
        secrets.forEach(masker::add);

        assertThat(masker.mask(text)).isEqualTo(expected);
    }

    @Test
    void aSingleCharacterSecretIsHiddenEverywhere() {
        for (int padding : new int[] {0, Masker.SEARCH_LIMIT + 1}) {
            Masker masker = new Masker();
            for (int i = 0; i < padding; i++) {
                masker.add("unrelated-secret-" + i);
            }
            masker.add("x");

            assertThat(masker.mask("axbxx")).as("with %d other secrets", padding).isEqualTo("a***b***");
        }
    }

    /** Seeded random secrets and texts over a tiny alphabet, checked against a plain reference. */
    @ParameterizedTest(name = "{0} other secrets")
    @ValueSource(ints = {0, Masker.SEARCH_LIMIT + 1})
    void agreesWithAReferenceOnRandomCases(int padding) {
        Random random = new Random(20261127);
        for (int round = 0; round < 2000; round++) {
            Masker masker = new Masker();
            for (int i = 0; i < padding; i++) {
                masker.add("xyz" + i); // never occurs in the texts below
            }
            List<String> secrets = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                secrets.add(randomText(random, 1 + random.nextInt(4)));
            }
            secrets.forEach(masker::add);
            String text = randomText(random, random.nextInt(30));

            assertThat(masker.mask(text)).as("secrets %s in %s", secrets, text).isEqualTo(reference(secrets, text));
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append("abc".charAt(random.nextInt(3)));
        }
        return text.toString();
    }

    /** Marks every character any occurrence covers, then prints each run of marked characters as one mask. */
    private static String reference(List<String> secrets, String text) {
        boolean[] hidden = new boolean[text.length()];
        for (String secret : secrets) {
            for (int at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
                Arrays.fill(hidden, at, at + secret.length(), true);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            if (!hidden[i]) {
                out.append(text.charAt(i));
            } else if (i == 0 || !hidden[i - 1]) {
                out.append(Masker.MASK);
            }
        }
        return out.toString();
    }

    @Test
    void withoutSecretsTheInputComesBackAsIs() {
        Masker masker = new Masker();
        String text = "some output";

        assertThat(masker.isEmpty()).isTrue();
        assertThat(masker.mask(text)).isSameAs(text);
        masker.add("  ");
        assertThat(masker.isEmpty()).isTrue();
    }

    @Test
    void aLineWithoutSecretsIsNotCopied() {
        Masker masker = new Masker();
        masker.add("hunter2");
        String text = "harmless h u n t e r";

        assertThat(masker.isEmpty()).isFalse();
        assertThat(masker.mask(text)).isSameAs(text);
        for (int i = 0; i <= Masker.SEARCH_LIMIT; i++) {
            masker.add("unrelated-secret-" + i);
        }
        assertThat(masker.mask(text)).isSameAs(text);
    }

    @Test
    void encodedFormsAreGitHubs() {
        assertThat(Masker.jsonEscape("a\"b\\c\nd\te\u0001")).isEqualTo("a\\\"b\\\\c\\nd\\te\\u0001");
        assertThat(Masker.urlEncode("a b/c~d-é")).isEqualTo("a%20b%2Fc~d-%C3%A9");
    }

    @Test
    void aSecretSplitAcrossTwoWritesIsStillMasked() {
        Masker masker = new Masker();
        masker.add("s3cr3t-value");
        List<String> printed = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(line -> printed.add(masker.mask(line)));

        feed(splitter, "token: s3cr");
        feed(splitter, "3t-value done\nnext ");
        feed(splitter, "s3cr3t-value");
        splitter.flush();

        assertThat(printed).containsExactly("token: *** done", "next ***");
    }

    @Test
    void aMultiLineSecretPrintedLineByLineIsMasked() {
        Masker masker = new Masker();
        masker.add("-----BEGIN KEY-----\nMIIEabc\nMIIEdef\n-----END KEY-----\n");
        List<String> printed = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(line -> printed.add(masker.mask(line)));

        feed(splitter, "key:\n-----BEGIN KEY-----\nMIIEabc\r\nMIIEdef\n-----END KEY-----\nok\n");

        assertThat(printed).containsExactly("key:", "***", "***", "***", "***", "ok");
    }

    @Test
    void masksWhileSecretsAreAdded() throws Exception {
        Masker masker = new Masker();
        masker.add("first-secret");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> reader = pool.submit(() -> {
                for (int i = 0; i < 20_000; i++) {
                    assertThat(masker.mask("a first-secret b")).isEqualTo("a *** b");
                }
            });
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    masker.add("other-" + i);
                }
            });
            writer.get();
            reader.get();
        } finally {
            pool.shutdownNow();
        }
        assertThat(masker.mask("other-199 first-secret")).isEqualTo("*** ***");
    }

    /**
     * A sanity figure for the masking throughput, printed and never asserted (timing on a shared
     * machine is noise). With a handful of secrets it should be well above 200 MB/s.
     */
    @Test
    void throughputSanityFigure() {
        Masker masker = new Masker();
        for (String secret : List.of("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "hunter2", "AKIAIOSFODNN7EXAMPLE",
                "s3cr3t/with+chars=", "token-xyz-123")) {
            masker.add(secret);
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            lines.add("2026-11-27T21:00:00.000Z [INFO] compiling module " + i
                    + " of the project, 12 files changed, nothing to report here");
        }
        lines.set(500, lines.get(500) + " hunter2");
        long bytes = lines.stream().mapToLong(l -> l.getBytes(StandardCharsets.UTF_8).length).sum();
        long sink = 0;
        for (int warm = 0; warm < 200; warm++) {
            for (String line : lines) {
                sink += masker.mask(line).length();
            }
        }
        int rounds = 2000;
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
            for (String line : lines) {
                sink += masker.mask(line).length();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("masker throughput: %.0f MB/s on %d-byte lines with %d secrets (%d)%n",
                bytes * rounds / seconds / 1e6, bytes / lines.size(), 5, sink % 10);
        assertThat(sink).isPositive();
    }

    private static void feed(LineSplitter splitter, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        splitter.feed(bytes, 0, bytes.length);
    }

    @Test
    void occursInAsciiAgreesWithMaskOnAsciiLines() {
        java.util.Random random = new java.util.Random(7);
        String alphabet = "abc:/%\\\" x";
        for (int round = 0; round < 500; round++) {
            Masker m = new Masker();
            int secrets = 1 + random.nextInt(round % 2 == 0 ? 3 : 9); // few first bytes, and many
            for (int i = 0; i < secrets; i++) {
                StringBuilder sb = new StringBuilder();
                for (int j = 0, n = 1 + random.nextInt(4); j < n; j++) {
                    sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                m.add(sb.toString());
            }
            m.add("ü-not-ascii");
            StringBuilder line = new StringBuilder();
            for (int j = 0, n = random.nextInt(30); j < n; j++) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = line.toString();
            byte[] bytes = ("<<" + text + ">>").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            boolean masked = !m.mask(text).equals(text);
            assertThat(m.occursInAscii(bytes, 2, text.length())).as("secrets %s in %s", m, text).isEqualTo(masked);
        }
        assertThat(new Masker().occursInAscii(new byte[] {'a'}, 0, 1)).isFalse();
    }
}
