package dev.continuum.engine.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AsciiScanTest {

    private static final Random RANDOM = new Random(42);

    private static byte[] random(int length, String alphabet) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) alphabet.charAt(RANDOM.nextInt(alphabet.length()));
        }
        return b;
    }

    @Test
    void findsAndCountsLikeAByteLoopAtEveryOffsetAndLength() {
        // \u000b follows \n in some words: the case a borrowing zero-byte test would count twice
        String alphabet = "ab\n\u000b\u0009\u0000\u00ff\u0080x";
        for (int round = 0; round < 2_000; round++) {
            byte[] b = random(RANDOM.nextInt(40), alphabet);
            int from = b.length == 0 ? 0 : RANDOM.nextInt(b.length + 1);
            int end = from + RANDOM.nextInt(b.length - from + 1);
            byte value = (byte) alphabet.charAt(RANDOM.nextInt(alphabet.length()));
            int expectedNext = from;
            while (expectedNext < end && b[expectedNext] != value) {
                expectedNext++;
            }
            long expectedCount = 0;
            boolean ascii = true;
            for (int i = from; i < end; i++) {
                expectedCount += b[i] == value ? 1 : 0;
                ascii &= b[i] >= 0;
            }
            assertThat(AsciiScan.next(b, from, end, AsciiScan.ONES * (value & 0xFF))).isEqualTo(expectedNext);
            assertThat(AsciiScan.count(b, from, end, value)).isEqualTo(expectedCount);
            assertThat(AsciiScan.isAscii(b, from, end)).isEqualTo(ascii);
        }
    }

    @Test
    void aNonAsciiByteAnywhereIsSeen() {
        byte[] line = "plain ascii text, then: ü".getBytes(StandardCharsets.UTF_8);
        assertThat(AsciiScan.isAscii(line, 0, line.length)).isFalse();
        assertThat(AsciiScan.isAscii(line, 0, line.length - 2)).isTrue();
    }
}
