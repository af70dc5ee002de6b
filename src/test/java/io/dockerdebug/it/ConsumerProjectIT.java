package io.dockerdebug.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A library user's project (src/it/consumer) builds against the artifact this build made, as a
 * repository holds it, and runs the library guide's examples on the real engine. Maven runs
 * offline, from the build's own local repository: the test needs no network.
 */
class ConsumerProjectIT {
    private static final String VERSION = System.getProperty("docker-debug.version", "0.1.0");
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);

    @Test
    void theArtifactHoldsOnlyOurClassesAndComesWithSourcesAndJavadoc() throws IOException {
        try (JarFile jar = new JarFile(artifact("").toFile())) {
            List<String> foreign = jar.stream().map(e -> e.getName())
                    .filter(n -> n.endsWith(".class") && !n.startsWith("io/dockerdebug/")).toList();
            assertEquals(List.of(), foreign, "third-party classes in the artifact");
        }
        try (JarFile javadoc = new JarFile(artifact("-javadoc").toFile());
             JarFile sources = new JarFile(artifact("-sources").toFile())) {
            assertTrue(javadoc.getEntry("io/dockerdebug/DockerDebug.html") != null, "javadoc of the API");
            assertTrue(sources.getEntry("io/dockerdebug/DockerDebug.java") != null, "sources of the API");
            assertTrue(sources.stream().noneMatch(e -> e.getName().startsWith("picocli/")), "picocli in the sources jar");
        }
    }

    @Test
    void aConsumerProjectBuildsAgainstTheArtifactAndRunsTheGuideOnTheEngine(@TempDir Path dir) throws IOException {
        Path repo = dir.resolve("repo");
        Path coordinates = repo.resolve("io/dockerdebug/docker-debug/" + VERSION);
        Files.createDirectories(coordinates);
        Files.copy(artifact(""), coordinates.resolve("docker-debug-" + VERSION + ".jar"));
        Files.copy(Path.of("pom.xml"), coordinates.resolve("docker-debug-" + VERSION + ".pom"));
        Path project = dir.resolve("consumer");
        copyTree(Path.of("src/it/consumer"), project);
        Path settings = dir.resolve("settings.xml");
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror><id>build-cache</id><mirrorOf>*,!docker-debug-under-test</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(buildRepository().toUri()));

        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> mvn = new ArrayList<>(List.of("mvn", "-B", "-ntp", "-q", "-f", project.resolve("pom.xml").toString(),
                "-s", settings.toString(), "-Dmaven.repo.local=" + dir.resolve("local"),
                // Offline, but the two file repositories (ours and the build's cache) may be read.
                "-o", "-Daether.offline.protocols=file",
                "-Ddocker-debug.repository=" + repo.toUri(), "-Ddocker-debug.version=" + VERSION, "package"));
        Engine.Result build = Engine.run(mvn, null, 600);
        assertEquals(0, build.exitCode(), "consumer build failed:\n" + build.stdout() + build.stderr());

        String classpath = project.resolve("target/classes") + java.io.File.pathSeparator + project.resolve("target/lib/*");
        try (Stream<Path> libs = Files.list(project.resolve("target/lib"))) {
            List<String> names = libs.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.contains("docker-debug-" + VERSION + ".jar"), names.toString());
            assertFalse(names.stream().anyMatch(n -> n.startsWith("jetty-") || n.startsWith("picocli")
                    || n.startsWith("slf4j-simple")), "a library user gets no server, CLI parser or logging binding: " + names);
        }
        String id = target.id();
        Engine.Result run = Engine.run(List.of(javaBin, "-cp", classpath, "example.LibraryGuide", id, Engine.TOOLBOX), null, 300);
        assertEquals(0, run.exitCode(), run.stdout() + run.stderr());
        assertTrue(run.stdout().matches("(?s).*one-off: exit 0\nPID +COMMAND\n +1 sleep\n.*"), "the target's processes: " + run.stdout());
        assertTrue(run.stdout().contains("options: exit 3, hostname " + id.substring(0, 12) + ", stderr oops"), run.stdout());
        assertTrue(run.stdout().contains("interactive: exit 5, output 42"), run.stdout());
        assertTrue(run.stdout().contains("sidecars: pruned "), run.stdout());
        assertTrue(run.stdout().contains("errors: exit 125, "), run.stdout());
        Engine.awaitNoSidecarOf(id, java.time.Duration.ofSeconds(60));
    }

    private static Path artifact(String classifier) {
        return Path.of("target", "docker-debug-" + VERSION + classifier + ".jar");
    }

    /** The local repository this build resolved from (the consumer's dependencies are there). */
    private static Path buildRepository() {
        String configured = System.getProperty("docker-debug.build-repository", "");
        return configured.isEmpty() ? Path.of(System.getProperty("user.home"), ".m2", "repository") : Path.of(configured);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path dest = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
