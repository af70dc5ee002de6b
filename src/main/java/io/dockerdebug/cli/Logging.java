package io.dockerdebug.cli;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Library logging: silent unless --debug, then to stderr. docker-java and httpclient5 log through
 * slf4j-simple (off by default in simplelogger.properties); JLine and Guava use
 * java.util.logging, whose default would print warnings to stderr. Called when a session starts,
 * never for --help or --version.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean debug) {
        if (debug) {
            // Read by slf4j-simple when the first logger is made, which is after this.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
        }
        Logger root = Logger.getLogger("");
        root.setLevel(debug ? Level.FINE : Level.OFF);
        for (Handler h : root.getHandlers()) {
            h.setLevel(debug ? Level.FINE : Level.OFF);
        }
    }
}
