package io.dockerdebug.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.LogManager;

/**
 * Library logging: silent unless --debug, then to stderr. docker-java and httpclient5 log through
 * slf4j-simple (off by default in simplelogger.properties); JLine and Guava use
 * java.util.logging, whose default configuration would print their warnings to stderr.
 * Lazy: only system properties are set (by main, and when a session starts with or without
 * --debug), read when slf4j-simple and java.util.logging start, if they ever do.
 */
final class Logging {
    static final String DEBUG_PROPERTY = "docker-debug.debug";

    private Logging() {
    }

    /** First thing in main: java.util.logging, if anything starts it, is configured by {@link JulConfig}. */
    static void install() {
        System.setProperty("java.util.logging.config.class", JulConfig.class.getName());
    }

    /**
     * Loggers that print what went over the wire: request headers (X-Registry-Auth is the
     * registry password in base64 JSON) and bodies (an inspect answer holds the target's
     * environment, DB_PASSWORD=... and the like). They stay off under --debug, on every transport.
     */
    static final List<String> SECRET_LOGGERS = List.of(
            "org.apache.hc.client5.http.headers", "org.apache.hc.client5.http.wire",
            "org.apache.hc.core5.http.headers", "org.apache.hc.core5.http.wire",
            "com.github.dockerjava.core.command", "com.github.dockerjava.core.exec");

    static void configure(boolean debug) {
        if (debug) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
            for (String logger : SECRET_LOGGERS) {
                System.setProperty("org.slf4j.simpleLogger.log." + logger, "off");
            }
        }
        System.setProperty(DEBUG_PROPERTY, Boolean.toString(debug));
        install();
    }

    /** java.util.logging's configuration, made by LogManager when something first logs through it. */
    public static final class JulConfig {
        public JulConfig() throws IOException {
            String properties = Boolean.getBoolean(DEBUG_PROPERTY)
                    // Not java.lang.Runtime's: at FINE it logs a stack trace with every System.exit.
                    ? "handlers=java.util.logging.ConsoleHandler\n.level=FINE\njava.util.logging.ConsoleHandler.level=FINE\n"
                    + "java.lang.Runtime.level=INFO\n"
                    : "handlers=\n.level=OFF\n";
            LogManager.getLogManager().readConfiguration(
                    new ByteArrayInputStream(properties.getBytes(StandardCharsets.ISO_8859_1)));
        }
    }
}
