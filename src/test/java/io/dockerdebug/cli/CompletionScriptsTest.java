package io.dockerdebug.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionScriptsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Stdio stdio() {
        return new Stdio(new ByteArrayInputStream(new byte[0]), out, new PrintStream(err, true, StandardCharsets.UTF_8),
                Map.of(), false);
    }

    @Test
    void theSubcommandPrintsEachScriptToStdout() {
        for (String shell : CompletionScripts.SHELLS) {
            out.reset();
            assertEquals(0, Main.run(new String[] {"completion", shell}, stdio()), err.toString());
            String script = out.toString(StandardCharsets.UTF_8);
            assertTrue(script.startsWith("# docker-debug completion for " + shell), script);
            assertEquals("", err.toString());
        }
    }

    @Test
    void anUnknownShellIsAUsageError() {
        assertEquals(125, Main.run(new String[] {"completion", "tcsh"}, stdio()));
        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("docker-debug: unknown shell 'tcsh'"), err.toString());
        assertEquals(1, err.toString().lines().count(), err.toString());
    }

    /** Each script is valid for its shell (the shells' own syntax checks). */
    @Test
    void eachScriptParsesInItsShell(@TempDir Path dir) throws Exception {
        CommandLine root = Main.commandLine(stdio());
        check(dir, "bash", CompletionScripts.script("bash", root), "bash", "-n");
        check(dir, "zsh", CompletionScripts.script("zsh", root), "zsh", "-n");
        check(dir, "fish", CompletionScripts.script("fish", root), "fish", "--no-execute");
    }

    private static void check(Path dir, String shell, String script, String... command) throws Exception {
        Path file = Files.writeString(dir.resolve("script." + shell), script);
        List<String> cmd = new ArrayList<>(List.of(command));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), shell + " did not finish");
        assertEquals(0, p.exitValue(), shell + ": " + out);
    }

    /** A small command tree: what the bash script offers follows it, whatever docker-debug's own options are. */
    @Command(name = "docker-debug", subcommands = Tree.Sub.class)
    static final class Tree {
        @Option(names = {"-x", "--ex"}, paramLabel = "X") String x;
        @Option(names = {"-n", "--name"}, completionCandidates = CompletionValues.Profiles.class) String profile;
        @Option(names = {"-i", "--image"}, completionCandidates = CompletionValues.Images.class) String image;
        @Option(names = "--flag") boolean flag;
        @Parameters(index = "0", arity = "0..1", completionCandidates = CompletionValues.Containers.class) String container;
        @Parameters(index = "1..*") List<String> command;

        @Command(name = "sub", description = "A subcommand.")
        static final class Sub {
            @Option(names = "--mode", completionCandidates = CompletionValues.PullPolicies.class) String mode;
            @Option(names = "--target", completionCandidates = CompletionValues.Containers.class) String target;
            @Parameters(index = "0", completionCandidates = Shells.class) String shell;
        }

        static final class Shells implements Iterable<String> {
            @Override
            public java.util.Iterator<String> iterator() {
                return List.of("one", "two").iterator();
            }
        }
    }

    /**
     * COMPREPLY for a line typed to its end, split into words as bash does (also at ':' and '='),
     * with the engine's and the config file's answers faked by shell functions.
     */
    private static List<String> complete(Path dir, String line) throws Exception {
        Path script = Files.writeString(dir.resolve("tree.bash"), CompletionScripts.script("bash", new CommandLine(new Tree())));
        List<String> words = new ArrayList<>();
        for (String w : line.split(" ", -1)) {
            String[] parts = w.split("(?=[:=])|(?<=[:=])", -1);
            for (String part : parts) {
                if (!part.isEmpty() || parts.length == 1) {
                    words.add(part);
                }
            }
        }
        StringBuilder code = new StringBuilder("source '" + script + "'\n")
                .append("__docker_debug_containers() { printf '%s\\n' web worker 'x$(touch pwned)' 'a b'; }\n")
                .append("__docker_debug_images() { printf '%s\\n' app:1 app:2; }\n")
                .append("__docker_debug_profiles() { printf '%s\\n' prod; }\n")
                .append("cd '").append(dir).append("'\nCOMP_WORDS=(");
        for (String w : words) {
            code.append("'").append(w.replace("'", "'\\''")).append("' ");
        }
        code.append(")\nCOMP_CWORD=").append(words.size() - 1)
                .append("\nCOMP_LINE='").append(line).append("'\nCOMP_POINT=").append(line.length())
                .append("\nCOMPREPLY=()\n_complete_docker-debug\n")
                .append("[ ${#COMPREPLY[@]} -eq 0 ] || printf '%s\\n' \"${COMPREPLY[@]}\"\n");
        Process p = new ProcessBuilder("bash", "-c", code.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bash did not finish");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }

    @Test
    void theFirstWordIsASubcommandOrAContainer(@TempDir Path dir) throws Exception {
        assertEquals(List.of("sub", "web", "worker"), complete(dir, "docker-debug "));
        assertEquals(List.of("web", "worker"), complete(dir, "docker-debug w"));
        assertEquals(List.of("web", "worker"), complete(dir, "docker-debug -x sub --flag -n prod w"),
                "options with a value skip it");
        assertEquals(List.of("web", "worker"), complete(dir, "docker-debug --ex=sub w"));
        assertEquals(List.of("web"), complete(dir, "docker-debug -i app:1 -x 0:0 we"), "values split at ':' are skipped whole");
        assertEquals(List.of("web", "worker"), complete(dir, "docker-debug -- w"), "after --, a container, not options");
    }

    @Test
    void nothingCompletesInTheUsersCommand(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), complete(dir, "docker-debug web "));
        assertEquals(List.of(), complete(dir, "docker-debug --flag web --fl"));
        assertEquals(List.of(), complete(dir, "docker-debug -- sub "));
    }

    @Test
    void optionsAndTheirValuesFollowTheModel(@TempDir Path dir) throws Exception {
        assertEquals(List.of("--flag"), complete(dir, "docker-debug --fl"));
        assertEquals(List.of("app:1", "app:2"), complete(dir, "docker-debug -i "));
        assertEquals(List.of("2"), complete(dir, "docker-debug --image app:2"), "bash inserts after the ':'");
        assertEquals(List.of("prod"), complete(dir, "docker-debug --name "));
        assertEquals(List.of(), complete(dir, "docker-debug -x "), "no values declared");
    }

    @Test
    void aSubcommandCompletesItsOwnOptionsAndArguments(@TempDir Path dir) throws Exception {
        assertEquals(List.of("one", "two"), complete(dir, "docker-debug sub "));
        assertEquals(List.of("--mode"), complete(dir, "docker-debug sub --mo"));
        assertEquals(List.of("missing", "always", "never"), complete(dir, "docker-debug sub --mode "));
        assertEquals(List.of("web", "worker"), complete(dir, "docker-debug sub --target "));
        assertEquals(List.of(), complete(dir, "docker-debug sub one "));
    }

    /** Values from the engine are data: one that needs quoting is not offered, and nothing in it runs. */
    @Test
    void hostileValuesAreNeitherOfferedNorRun(@TempDir Path dir) throws Exception {
        assertEquals(List.of(), complete(dir, "docker-debug x"));
        assertFalse(Files.exists(dir.resolve("pwned")));
    }

    @Test
    void fishCompletesFromTheSameDeclarations() {
        String fish = CompletionScripts.script("fish", new CommandLine(new Tree()));
        assertTrue(fish.contains("-s n -l name -r -a '(__docker_debug_profiles)'"), fish);
        assertTrue(fish.contains("-l mode -r -a 'missing always never'"), fish);
        assertTrue(fish.contains("case -x --ex -n --name -i --image\n"), fish);
    }
}
