package io.dockerdebug.it;

import io.dockerdebug.it.Engine.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.dockerdebug.it.Engine.debug;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The bash script of "docker-debug completion bash", sourced in bash; its completion function is
 * called the way bash calls it (COMP_WORDS split at blanks and ':', COMP_CWORD, COMP_LINE,
 * COMP_POINT) against the real engine.
 */
class CompletionIT {
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);
    static Path dir;
    static Path script;

    @BeforeAll
    static void start() throws IOException {
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
        return bash(code, Map.of());
    }

    private static List<String> bash(String code, Map<String, String> env) {
        return shell(List.of("bash", "--norc", "--noprofile", "-c",
                "source " + q(script.toString()) + "\ncompopt() { :; }\n" + code), env);
    }

    /** Runs a shell command line with our HOME; its stdout lines (it must succeed, silently). */
    private static List<String> shell(List<String> command) {
        return shell(command, Map.of());
    }

    private static List<String> shell(List<String> command, Map<String, String> env) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().put("HOME", dir.toString());
            pb.environment().remove("DOCKER_DEBUG_CONFIG");
            pb.environment().putAll(env);
            // An empty working directory: fish offers file names after options with a value.
            pb.directory(Files.createDirectories(dir.resolve("cwd")).toFile());
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
        return complete(line, Map.of());
    }

    private static List<String> complete(String line, Map<String, String> env) {
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
        return bash(code.toString(), env);
    }

    @Test
    void containerCompletesToRunningContainerNames() {
        List<String> reply = complete("docker-debug " + target.name().substring(0, 4));
        assertTrue(reply.contains(target.name()), reply.toString());
        assertTrue(reply.stream().allMatch(n -> n.startsWith(target.name().substring(0, 4))), reply.toString());
        List<String> all = complete("docker-debug ");
        assertTrue(all.contains(target.name()), all.toString());
        assertTrue(all.contains("completion"), "subcommands too: " + all);
    }

    @Test
    void containerCompletesAfterOptionsWithValues() {
        List<String> reply = complete("docker-debug -i " + Engine.TOOLBOX + " -T --user 0:0 " + target.name());
        assertEquals(List.of(target.name()), reply);
        assertEquals(List.of(target.name()), complete("docker-debug -- " + target.name()));
    }

    @Test
    void nothingCompletesAfterTheContainer() {
        assertEquals(List.of(), complete("docker-debug " + target.name() + " "));
        assertEquals(List.of(), complete("docker-debug -T " + target.name() + " l"));
    }

    @Test
    void imageCompletesToLocalImages() {
        // Other test images may start alike (toolbox-…): the toolbox is among them, nothing else is.
        assertImages("docker-debug-test/too", complete("docker-debug -i docker-debug-test/too"));
        assertImages("docker-debug-test/too", complete("docker-debug -T --image docker-debug-test/too"));
        // After a ':' bash replaces only what follows it.
        assertEquals(List.of("latest"), complete("docker-debug -i docker-debug-test/toolbox:la"));
    }

    private static void assertImages(String prefix, List<String> reply) {
        assertTrue(reply.contains(Engine.TOOLBOX), reply.toString());
        assertTrue(reply.stream().allMatch(i -> i.startsWith(prefix)), reply.toString());
    }

    @Test
    void optionsAndSubcommandValuesComplete() {
        assertEquals(List.of("--privileged"), complete("docker-debug --privi"));
        assertEquals(List.of("bash", "zsh", "fish"), complete("docker-debug completion "));
    }

    @Test
    void profilesComeFromTheConfigFile() throws IOException {
        assertEquals(List.of("alpha", "beta"), bash("__docker_debug_profiles"));
        assertEquals(List.of("alpha"), complete("docker-debug -n a"));
        assertEquals(List.of("alpha", "beta"), complete("docker-debug --name "));
    }

    /** The config file the command line would read: --config FILE on it, else $DOCKER_DEBUG_CONFIG. */
    @Test
    void profilesComeFromTheConfigFileTheCommandWouldRead() throws IOException {
        Path other = Files.writeString(dir.resolve("other.toml"), "[config.gamma]\n[config.delta]\n");
        Path third = Files.writeString(dir.resolve("third.toml"), "[config.epsilon]\n");
        Map<String, String> env = Map.of("DOCKER_DEBUG_CONFIG", other.toString());
        assertEquals(List.of("gamma", "delta"), complete("docker-debug -n ", env));
        assertEquals(List.of("epsilon"), complete("docker-debug --config " + third + " -n ", env));
        assertEquals(List.of("epsilon"), complete("docker-debug --config " + third + " -n "));
        assertEquals(List.of("delta", "gamma"), fish("docker-debug -n ", env).stream().sorted().toList());
        assertEquals(List.of("epsilon"), fish("docker-debug --config " + third + " -n ", env));
        assertTrue(zsh(env, "docker-debug -n ").contains("gamma delta"));
        assertTrue(zsh(Map.of(), "docker-debug --config " + third + " -n ").contains("epsilon"));
    }

    /**
     * Names are data, never code: an engine is not a trusted source (a docker CLI on PATH prints
     * here what a hostile engine would answer; the engine itself refuses such names), and profile
     * names come from a config file. TAB in bash, zsh and fish runs none of them, and offers only
     * names that need no quoting.
     */
    @Test
    void hostileNamesAreNeverRun() throws IOException {
        Path pwned = dir.resolve("pwned");
        Path bin = Files.createDirectories(dir.resolve("hostile-bin"));
        Path docker = Files.writeString(bin.resolve("docker"), "#!/bin/sh\ncase \"$*\" in\n"
                + "  *ps*) printf '%s\\n' safe-name 'x$(touch " + pwned + "-ps)' 'y`touch " + pwned + "-bt`' 'w*' ;;\n"
                + "  *images*) printf '%s\\n' img:1 'z$(touch " + pwned + "-img):t' ;;\n"
                + "esac\n");
        assertTrue(docker.toFile().setExecutable(true));
        Path config = Files.writeString(dir.resolve("hostile.toml"),
                "[config.\"$(touch " + pwned + "-profile)\"]\n[config.\"`touch " + pwned + "-bt2`\"]\n[config.gamma]\n");
        Map<String, String> env = Map.of("PATH", bin + ":" + System.getenv("PATH"),
                "DOCKER_DEBUG_CONFIG", config.toString());

        assertTrue(complete("docker-debug ", env).contains("safe-name"));
        // "sa": no subcommand starts with it, so only container names are offered.
        assertEquals(List.of("safe-name"), complete("docker-debug sa", env));
        assertEquals(List.of("img:1"), complete("docker-debug -i ", env));
        assertEquals(List.of("gamma"), complete("docker-debug -n ", env));
        assertEquals(List.of("gamma"), complete("docker-debug --config " + config + " -n "));
        List<String> zsh = zsh(env, "docker-debug ", "docker-debug -i ", "docker-debug -n ");
        assertTrue(zsh.get(0).endsWith(" safe-name"), zsh.toString());
        assertEquals(List.of("img:1", "gamma"), zsh.subList(1, 3), zsh.toString());
        assertTrue(fish("docker-debug ", env).contains("safe-name"));
        assertTrue(fish("docker-debug -i ", env).contains("img:1"));
        assertEquals(List.of("gamma"), fish("docker-debug -n ", env));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("pwned")).toList());
        }
    }

    /** COMPREPLY (joined by blanks) for each line, from the zsh script loaded through bashcompinit. */
    private static List<String> zsh(Map<String, String> env, String... lines) {
        StringBuilder code = new StringBuilder("autoload -U compinit && compinit -u -d ")
                .append(q(dir.resolve(".zcompdump").toString())).append('\n')
                .append("source ").append(q(dir.resolve("docker-debug.zsh").toString())).append('\n')
                .append("compopt() { :; }\n")
                .append("t() {\n")
                .append("  emulate -L sh\n")
                .append("  COMP_LINE=$1; COMP_POINT=${#COMP_LINE}; COMP_WORDS=( ${=1} )\n")
                .append("  case $1 in *' ') COMP_WORDS+=(''); esac\n")
                .append("  COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=()\n")
                .append("  _complete_docker-debug\n")
                .append("  print -r -- \"${COMPREPLY[*]}\"\n")
                .append("}\n");
        for (String line : lines) {
            code.append("t ").append(q(line)).append('\n');
        }
        return shell(List.of("zsh", "-f", "-c", code.toString()), env);
    }

    /** fish's own completion engine: {@code complete -C LINE} prints the candidates (TAB description). */
    private static List<String> fish(String line) {
        return fish(line, Map.of());
    }

    private static List<String> fish(String line, Map<String, String> env) {
        return shell(List.of("fish", "--no-config", "-c",
                "source " + q(dir.resolve("docker-debug.fish").toString()) + "; complete -C " + q(line)), env)
                .stream().map(l -> l.split("\t")[0]).toList();
    }

    @Test
    void fishCompletesContainersImagesOptionsAndProfiles() {
        assertTrue(fish("docker-debug " + target.name().substring(0, 4)).contains(target.name()));
        assertEquals(List.of(target.name()), fish("docker-debug -i " + Engine.TOOLBOX + " --user 0:0 " + target.name()));
        assertImages("docker-debug-test/too", fish("docker-debug -i docker-debug-test/too"));
        assertEquals(List.of(), fish("docker-debug " + target.name() + " "));
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
                + "t " + q("docker-debug " + target.name() + " ") + " after\n";
        List<String> out = shell(List.of("zsh", "-f", "-c", zsh));
        assertTrue(out.contains("registered: _bash_complete -F _complete_docker-debug -o default"), out.toString());
        String container = out.stream().filter(l -> l.startsWith("container:")).findFirst().orElseThrow();
        assertTrue(List.of(container.split(" ")).contains(target.name()), container);
        String image = out.stream().filter(l -> l.startsWith("image:")).findFirst().orElseThrow();
        assertTrue(List.of(image.split(" ")).contains(Engine.TOOLBOX), image);
        assertTrue(out.contains("after: "), out.toString());
    }
}
