package io.dockerdebug.server;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server is a front end of the public library, as the CLI is: it names no type of the
 * library's insides (debug, docker, config, tty) nor of the CLI.
 */
class ServerLayerTest {
    private static final Pattern INTERNAL = Pattern.compile("io\\.dockerdebug\\.(debug|docker|config|tty|cli)\\b");

    @Test
    void serverUsesOnlyThePublicLibrary() throws IOException {
        Path dir = Path.of("src/main/java/io/dockerdebug/server");
        List<String> offenders;
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java")).toList();
            assertTrue(sources.size() > 5, "no server sources in " + dir.toAbsolutePath());
            offenders = sources.stream().flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream().filter(l -> INTERNAL.matcher(l).find())
                            .map(l -> p.getFileName() + ": " + l.trim());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(List.of(), offenders);
    }
}
