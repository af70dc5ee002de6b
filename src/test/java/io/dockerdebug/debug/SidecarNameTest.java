package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarNameTest {
    /** The engine's rule for container names. */
    private static final String VALID = "[a-zA-Z0-9][a-zA-Z0-9_.-]+";

    @ParameterizedTest
    @ValueSource(strings = {"web", "my.app_1-x", "_odd", "-", "", "a b/c", "ünïcode",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void aValidNameForAnyTargetName(String target) {
        String name = SidecarName.of(target);
        assertTrue(name.matches(VALID), name);
        assertTrue(name.length() <= 48 + "-debug-".length() + 8, name);
    }

    @Test
    void startsWithTheTargetAndDiffersEachTime() {
        assertTrue(SidecarName.of("web").matches("web-debug-[0-9a-f]{8}"));
        assertNotEquals(SidecarName.of("web"), SidecarName.of("web"));
    }

    @Test
    void targetNamesTheEngineCannotHoldInItsPathAreRefused() {
        assertEquals("web", TargetName.check("/web"));
        assertEquals("a", TargetName.check("a"));
        for (String bad : new String[] {"", ".", "..", "/", "a b", "a/b", "-x", "a?b"}) {
            // "" is invalid input; the others cannot name a container: "No such container", as docker says.
            DockerDebugException e = assertThrows(DockerDebugException.class, () -> TargetName.check(bad), bad);
            assertEquals(125, e.exitCode());
        }
    }
}
