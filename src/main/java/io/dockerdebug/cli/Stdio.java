package io.dockerdebug.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;

/** The process's standard streams and environment, handed down from {@link Main}. */
record Stdio(InputStream in, OutputStream out, PrintStream err, Map<String, String> env, boolean terminal) {
}
