package io.dockerdebug.tty;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DetachKeysTest {

    @Test
    void parsesDockerSyntax() {
        assertArrayEquals(new byte[] {16, 17}, DetachKeys.parse("ctrl-p,ctrl-q").sequence());
        assertArrayEquals(new byte[] {0, 27, 28, 29, 30, 31, 'x'},
                DetachKeys.parse("ctrl-@,ctrl-[,ctrl-\\,ctrl-],ctrl-^,ctrl-_,x").sequence());
        assertArrayEquals(new byte[] {1}, DetachKeys.parse("CTRL-A").sequence());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ctrl-", "ctrl-1", "abc", "ctrl-p,,ctrl-q"})
    void rejectsWhatDockerRejects(String spec) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse(spec));
        assertTrue(e.getMessage().contains("detach keys"));
    }

    @Test
    void filterDetachesAcrossChunksAndReleasesBrokenPrefixes() {
        DetachKeyFilter f = new DetachKeyFilter(DetachKeys.parse("ctrl-p,ctrl-q"));
        DetachKeyFilter.Result r1 = f.filter(bytes("ab\u0010"), 0, 3);
        assertEquals("ab", new String(r1.forward(), StandardCharsets.ISO_8859_1));
        assertFalse(r1.detach());
        DetachKeyFilter.Result r2 = f.filter(bytes("c"), 0, 1);
        assertEquals("\u0010c", new String(r2.forward(), StandardCharsets.ISO_8859_1), "held byte released");
        DetachKeyFilter.Result r3 = f.filter(bytes("\u0010\u0010\u0011zz"), 0, 5);
        assertEquals("\u0010", new String(r3.forward(), StandardCharsets.ISO_8859_1));
        assertTrue(r3.detach());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
