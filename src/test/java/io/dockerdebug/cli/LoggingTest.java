package io.dockerdebug.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoggingTest {
    private final Level saved = Logger.getLogger("").getLevel();

    @AfterEach
    void restore() {
        Logger.getLogger("").setLevel(saved);
        System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
    }

    @Test
    void julIsSilentWithoutDebug() {
        Logging.configure(false);
        // JLine's "Unable to create a system terminal" and the like are WARNINGs.
        assertFalse(Logger.getLogger("org.jline").isLoggable(Level.WARNING));
        assertFalse(Logger.getLogger("com.google.common").isLoggable(Level.SEVERE));
    }

    @Test
    void debugTurnsLibraryLoggingOn() {
        Logging.configure(true);
        assertTrue(Logger.getLogger("org.jline").isLoggable(Level.FINE));
        assertTrue("debug".equals(System.getProperty("org.slf4j.simpleLogger.defaultLogLevel")));
    }
}
