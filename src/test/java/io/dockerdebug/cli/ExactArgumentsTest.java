package io.dockerdebug.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class ExactArgumentsTest {
    private static final byte[] HELLO = {'h', (byte) 0xC3, (byte) 0xA9, 'l', 'l', 'o'};

    private static byte[] cmdline(byte[]... args) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] a : args) {
            b.writeBytes(a);
            b.write(0);
        }
        return b.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void asciiLocaleArgumentsGetTheirUtf8Back() {
        byte[] line = cmdline(ascii("java"), ascii("-cp"), ascii("x.jar"), ascii("Main"), ascii("T"),
                ascii("printf"), HELLO, new byte[0]);
        String[] jvm = {"T", "printf", new String(HELLO, StandardCharsets.US_ASCII), ""};
        assertEquals("h\uFFFD\uFFFDllo", jvm[2], "what the JVM hands main under LC_ALL=C");
        String[] exact = ExactArguments.of(jvm, line, StandardCharsets.US_ASCII);
        assertArrayEquals(new String[] {"T", "printf", "héllo", ""}, exact);
    }

    @Test
    void latin1LocaleArgumentsAreReadAsTheUtf8TheyAre() {
        byte[] line = cmdline(ascii("Main"), HELLO);
        String[] jvm = {new String(HELLO, StandardCharsets.ISO_8859_1)};
        assertArrayEquals(new String[] {"héllo"}, ExactArguments.of(jvm, line, StandardCharsets.ISO_8859_1));
    }

    @Test
    void anotherCommandLineLeavesTheArgumentsAlone() {
        String[] jvm = {"T", "h\uFFFD\uFFFDllo"};
        byte[] other = cmdline(ascii("Main"), ascii("U"), HELLO);
        assertSame(jvm, ExactArguments.of(jvm, other, StandardCharsets.US_ASCII));
        assertSame(jvm, ExactArguments.of(jvm, cmdline(HELLO), StandardCharsets.US_ASCII));
    }

    @Test
    void invalidUtf8BytesBecomeOneReplacementEachAsDockerSends() {
        // Go's JSON encoder: every byte that does not start a valid sequence is one U+FFFD.
        assertEquals("h\uFFFDllo", ExactArguments.utf8(new byte[] {'h', (byte) 0xE9, 'l', 'l', 'o'}));
        assertEquals("\uFFFD\uFFFDA", ExactArguments.utf8(new byte[] {(byte) 0xE2, (byte) 0x82, 'A'}));
        assertEquals("\uFFFD\uFFFD", ExactArguments.utf8(new byte[] {(byte) 0xC0, (byte) 0x80}), "overlong");
        assertEquals("\uFFFD\uFFFD\uFFFD", ExactArguments.utf8(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}),
                "surrogate");
        assertEquals("\uFFFD\uFFFD\uFFFD\uFFFD",
                ExactArguments.utf8(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}), "above U+10FFFF");
        assertEquals("\uFFFD", ExactArguments.utf8(new byte[] {(byte) 0xF0}), "cut short");
    }

    @Test
    void validUtf8DecodesToItsCodePoints() {
        String s = "é€😀\u0001";
        assertEquals(s, ExactArguments.utf8(s.getBytes(StandardCharsets.UTF_8)));
    }
}
