package io.dockerdebug.cli;

import io.dockerdebug.tty.Consoles;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The AOT cache's training run (scripts/aot-train.sh): several command lines, separated by
 * {@code ";;"}, run one after the other in one JVM with no terminal and all output discarded,
 * so that the cache holds the classes and profiles of each path (help, version, a session).
 */
final class AotTraining {
    static final String SEPARATOR = ";;";

    private AotTraining() {
    }

    public static void main(String[] args) {
        for (List<String> commandLine : split(args)) {
            Stdio stdio = new Stdio(new ByteArrayInputStream(new byte[0]), OutputStream.nullOutputStream(),
                    new PrintStream(OutputStream.nullOutputStream()), System.getenv(), Consoles.stdioIsTerminal());
            // What Main.main does around run(), so that its classes and lambdas are in the cache too.
            String[] argv = ExactArguments.of(commandLine.toArray(String[]::new));
            DockerCliPlugin.isMetadataCall(argv);
            argv = DockerCliPlugin.unwrap(argv, System.getenv()).args();
            Main.warmUp(argv);
            Main.run(argv, stdio);
        }
        // As a session ends: System.exit looks up the JDK's logger for the exit (about 50 classes).
        System.exit(0);
    }

    static List<List<String>> split(String[] args) {
        List<List<String>> all = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (String a : Arrays.asList(args)) {
            if (a.equals(SEPARATOR)) {
                all.add(current);
                current = new ArrayList<>();
            } else {
                current.add(a);
            }
        }
        all.add(current);
        return all;
    }
}
