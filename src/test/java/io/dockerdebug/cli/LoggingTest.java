package io.dockerdebug.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * In this JVM java.util.logging has started already, so the configuration class that LogManager
 * would make at its start is made here by hand.
 */
class LoggingTest {
    @AfterEach
    void restore() throws IOException {
        System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
        System.clearProperty(Logging.DEBUG_PROPERTY);
        Logging.SECRET_LOGGERS.forEach(l -> System.clearProperty("org.slf4j.simpleLogger.log." + l));
        System.clearProperty("java.util.logging.config.class");
        LogManager.getLogManager().readConfiguration();
    }

    @Test
    void julIsSilentWithoutDebug() throws IOException {
        Logging.configure(false);
        assertEquals(Logging.JulConfig.class.getName(), System.getProperty("java.util.logging.config.class"));
        new Logging.JulConfig();
        // JLine's "Unable to create a system terminal" and the like are WARNINGs.
        assertFalse(Logger.getLogger("org.jline").isLoggable(Level.WARNING));
        assertFalse(Logger.getLogger("com.google.common").isLoggable(Level.SEVERE));
        assertEquals(0, Logger.getLogger("").getHandlers().length);
        assertEquals(null, System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
    }

    @Test
    void debugTurnsLibraryLoggingOnToStderr() throws IOException {
        Logging.configure(true);
        new Logging.JulConfig();
        assertTrue(Logger.getLogger("org.jline").isLoggable(Level.FINE));
        assertEquals(1, Logger.getLogger("").getHandlers().length);
        assertEquals("debug", System.getProperty("org.slf4j.simpleLogger.defaultLogLevel"));
        // httpclient5's header and wire loggers print X-Registry-Auth and inspect bodies (the environment).
        for (String logger : java.util.List.of("org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire")) {
            assertEquals("off", System.getProperty("org.slf4j.simpleLogger.log." + logger), logger);
        }
    }
}
