package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.dockerdebug.it.Engine.debug;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The bash script of "docker-debug completion bash", sourced in bash; its completion function is
 * called the way bash calls it (COMP_WORDS split at blanks and ':', COMP_CWORD, COMP_LINE,
 * COMP_POINT) against the real engine.
 */
class CompletionIT {
    static GenericContainer<?> target;
    static String name;
    static Path dir;
    static Path script;

    @BeforeAll
    static void start() throws IOException {
        target = Engine.target(Engine.TARGET);
        target.start();
        name = Engine.docker("inspect", "-f", "{{.Name}}", target.getContainerId()).replaceFirst("^/", "");
        dir = Files.createTempDirectory("docker-debug-completion-");
        Result r = Engine.run(debug("completion", "bash"), null, 60);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("", r.stderr());
        script = Files.writeString(dir.resolve("docker-debug.bash"), r.stdout());
        for (String shell : List.of("zsh", "fish")) {
            Result s = Engine.run(debug("completion", shell), null, 60);
            assertEquals(0, s.exitCode(), s.stderr());
            Files.writeString(dir.resolve("docker-debug." + shell), s.stdout());
        }
        // A config file with two profiles, for a HOME of our own.
        Path config = Files.createDirectories(dir.resolve(".docker-debug")).resolve("config.toml");
        Files.writeString(config, """
                [default]
                image = "x"

                [config.alpha]
                image = "a"
                [config."beta"]  # quoted
                image = "b"
                """);
    }

    @AfterAll
    static void stop() throws IOException {
        if (target != null) {
            target.stop();
        }
        if (dir != null) {
            try (Stream<Path> all = Files.walk(dir)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String q(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** Runs bash code after sourcing the script; its stdout lines. */
    private static List<String> bash(String code) {
        return shell(List.of("bash", "--norc", "--noprofile", "-c",
                "source " + q(script.toString()) + "\ncompopt() { :; }\n" + code));
    }

    /** Runs a shell command line with our HOME; its stdout lines (it must succeed, silently). */
    private static List<String> shell(List<String> command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("HOME", dir.toString());
            Process p = pb.start();
            p.getOutputStream().close();
            var err = new java.util.concurrent.CompletableFuture<String>();
            Thread.ofVirtual().start(() -> {
                try {
                    err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.completeExceptionally(e);
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("bash timed out");
            }
            String e = err.get(10, TimeUnit.SECONDS);
            assertEquals(0, p.exitValue(), e);
            assertEquals("", e, command.get(0) + " wrote to stderr");
            return out.isEmpty() ? List.of() : out.lines().toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** COMPREPLY for a command line typed up to its end, split into words as bash does. */
    private static List<String> complete(String line) {
        List<String> words = new ArrayList<>();
        for (String w : line.split(" ", -1)) {
            // COMP_WORDBREAKS has ':': "a:b" is three words.
            String[] parts = w.split(":", -1);
            for (int i = 0; i < parts.length; i++) {
                if (i > 0) {
                    words.add(":");
                }
                if (!parts[i].isEmpty() || parts.length == 1) {
                    words.add(parts[i]);
                }
            }
        }
        StringBuilder code = new StringBuilder("COMP_WORDS=(");
        for (String w : words) {
            code.append(q(w)).append(' ');
        }
        code.append(")\nCOMP_CWORD=").append(words.size() - 1)
                .append("\nCOMP_LINE=").append(q(line))
                .append("\nCOMP_POINT=").append(line.length())
                .append("\nCOMPREPLY=()\n_complete_docker-debug\n")
                .append("[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\\n' \"${COMPREPLY[@]}\"\n");
        return bash(code.toString());
    }

    @Test
    void containerCompletesToRunningContainerNames() {
        List<String> reply = complete("docker-debug " + name.substring(0, 4));
        assertTrue(reply.contains(name), reply.toString());
        assertTrue(reply.stream().allMatch(n -> n.startsWith(name.substring(0, 4))), reply.toString());
        List<String> all = complete("docker-debug ");
        assertTrue(all.contains(name), all.toString());
        assertTrue(all.contains("completion"), "subcommands too: " + all);
    }

    @Test
    void containerCompletesAfterOptionsWithValues() {
        List<String> reply = complete("docker-debug -i " + Engine.TOOLBOX + " -T --user 0:0 " + name);
        assertEquals(List.of(name), reply);
        assertEquals(List.of(name), complete("docker-debug -- " + name));
    }

    @Test
    void nothingCompletesAfterTheContainer() {
        assertEquals(List.of(), complete("docker-debug " + name + " "));
        assertEquals(List.of(), complete("docker-debug -T " + name + " l"));
    }

    @Test
    void imageCompletesToLocalImages() {
        assertEquals(List.of(Engine.TOOLBOX), complete("docker-debug -i docker-debug-test/too"));
        assertEquals(List.of(Engine.TOOLBOX), complete("docker-debug -T --image docker-debug-test/too"));
        // After a ':' bash replaces only what follows it.
        assertEquals(List.of("latest"), complete("docker-debug -i docker-debug-test/toolbox:la"));
    }

    @Test
    void optionsAndSubcommandValuesComplete() {
        assertEquals(List.of("--privileged"), complete("docker-debug --privi"));
        assertEquals(List.of("bash", "zsh", "fish"), complete("docker-debug completion "));
    }

    @Test
    void profilesComeFromTheConfigFile() throws IOException {
        assertEquals(List.of("alpha", "beta"), bash("__docker_debug_profiles"));
        if (Files.readString(script).contains("    '-n'|")) {
            // The profile option, once it exists, completes to them.
            assertEquals(List.of("alpha"), complete("docker-debug -n a"));
        }
        assertFalse(bash("declare -F __docker_debug_profiles").isEmpty());
    }

    /** fish's own completion engine: {@code complete -C LINE} prints the candidates (TAB description). */
    private static List<String> fish(String line) {
        return shell(List.of("fish", "--no-config", "-c",
                "source " + q(dir.resolve("docker-debug.fish").toString()) + "; complete -C " + q(line)))
                .stream().map(l -> l.split("\t")[0]).toList();
    }

    @Test
    void fishCompletesContainersImagesOptionsAndProfiles() {
        assertTrue(fish("docker-debug " + name.substring(0, 4)).contains(name));
        assertEquals(List.of(name), fish("docker-debug -i " + Engine.TOOLBOX + " --user 0:0 " + name));
        assertEquals(List.of(Engine.TOOLBOX), fish("docker-debug -i docker-debug-test/too"));
        assertEquals(List.of(), fish("docker-debug " + name + " "));
        assertEquals(List.of("--privileged"), fish("docker-debug --privi"));
        assertEquals(List.of("bash", "fish", "zsh"), fish("docker-debug completion ").stream().sorted().toList());
        assertEquals(List.of("alpha", "beta"), shell(List.of("fish", "--no-config", "-c",
                "source " + q(dir.resolve("docker-debug.fish").toString()) + "; __docker_debug_profiles")));
    }

    /**
     * zsh loads the script through bashcompinit and registers it; its completion function, called
     * as bashcompinit calls it (sh emulation, 0-based arrays), offers the same values. zsh itself
     * filters them by the typed prefix, so only membership is checked.
     */
    @Test
    void zshLoadsTheScriptAndCompletesTheSameValues() {
        String zsh = "autoload -U compinit && compinit -u -d " + q(dir.resolve(".zcompdump").toString()) + "\n"
                + "source " + q(dir.resolve("docker-debug.zsh").toString()) + "\n"
                + "compopt() { :; }\n"
                + "print -r -- \"registered: ${_comps[docker-debug]}\"\n"
                + "t() {\n"
                + "  emulate -L sh\n"
                + "  COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; COMP_WORDS=( ${=1} )\n"
                + "  case $1 in *' ') COMP_WORDS+=(''); esac\n"
                + "  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()\n"
                + "  _complete_docker-debug\n"
                + "  print -r -- \"$2: ${COMPREPLY[*]}\"\n"
                + "}\n"
                + "t 'docker-debug ' container\n"
                + "t 'docker-debug -i ' image\n"
                + "t " + q("docker-debug " + name + " ") + " after\n";
        List<String> out = shell(List.of("zsh", "-f", "-c", zsh));
        assertTrue(out.contains("registered: _bash_complete -F _complete_docker-debug -o default"), out.toString());
        String container = out.stream().filter(l -> l.startsWith("container:")).findFirst().orElseThrow();
        assertTrue(List.of(container.split(" ")).contains(name), container);
        String image = out.stream().filter(l -> l.startsWith("image:")).findFirst().orElseThrow();
        assertTrue(List.of(image.split(" ")).contains(Engine.TOOLBOX), image);
        assertTrue(out.contains("after: "), out.toString());
    }
}
