package io.dockerdebug.it;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every run of the launcher pays before it does anything: the root command's model is built
 * without reading annotations, whose instances are proxy classes the JDK generates at run time
 * (the AOT cache cannot hold them; see docs/performance.md).
 */
class StartupIT {
    /** --help renders the whole root model; "--no-such" parses against it and fails (exit 125). */
    @ParameterizedTest
    @ValueSource(strings = {"--help", "--no-such"})
    void theRootsModelGeneratesNoProxyClass(String arg, @TempDir Path dir) throws Exception {
        Path log = dir.resolve("classes.log");
        ProcessBuilder pb = new ProcessBuilder(Engine.debug(arg))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DOCKER_DEBUG_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "docker-debug " + arg + " did not end");
        assertEquals(arg.equals("--help") ? 0 : 125, p.exitValue(), "docker-debug " + arg);
        List<String> lines = Files.readAllLines(log);
        assertTrue(lines.stream().anyMatch(l -> l.contains("io.dockerdebug.cli.DebugCommand ")),
                "no class loading was logged: " + lines.size() + " lines");
        List<String> proxies = lines.stream().filter(l -> l.contains("__dynamic_proxy__")).toList();
        assertEquals(List.of(), proxies, "docker-debug " + arg + " generated proxy classes");
    }
}
