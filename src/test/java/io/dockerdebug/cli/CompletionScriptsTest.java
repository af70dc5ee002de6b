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

    /** Options that take a value, from the model: CONTAINER is looked for after them and their value. */
    @Test
    void everyOptionWithAValueIsSkippedWhenLookingForTheContainer() {
        CommandLine root = Main.commandLine(stdio());
        String bash = CompletionScripts.bash(root);
        String fish = CompletionScripts.fish(root);
        String bashSkip = bash.lines().filter(l -> l.strip().endsWith(") i=$((i + 1)) ;;") && l.contains("|"))
                .findFirst().orElseThrow().strip();
        String fishSkip = fish.lines().dropWhile(l -> !l.contains("function __docker_debug_wants_container"))
                .filter(l -> l.strip().startsWith("case -") && !l.strip().equals("case --")).findFirst().orElseThrow().strip();
        for (CommandLine.Model.OptionSpec option : root.getCommandSpec().options()) {
            for (String name : option.names()) {
                boolean takesValue = option.arity().max() > 0;
                assertEquals(takesValue, List.of(bashSkip.substring(0, bashSkip.indexOf(')')).split("\\|")).contains(name),
                        name + " in " + bashSkip);
                assertEquals(takesValue, List.of(fishSkip.substring(5).split(" ")).contains(name), name + " in " + fishSkip);
            }
        }
    }

    /** Each script is valid for its shell (the shells' own syntax checks). */
    @Test
    void eachScriptParsesInItsShell(@TempDir Path dir) throws Exception {
        CommandLine root = Main.commandLine(stdio());
        check(dir, "bash", CompletionScripts.bash(root), "bash", "-n");
        check(dir, "zsh", CompletionScripts.zsh(root), "zsh", "-n");
        check(dir, "fish", CompletionScripts.fish(root), "fish", "--no-execute");
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

    /** Values from the engine and the config file never go through compgen -W, which expands $(...). */
    @Test
    void dynamicValuesNeverReachCompgen() {
        String bash = CompletionScripts.bash(Main.commandLine(stdio()));
        List<String> compgen = bash.lines().filter(l -> l.contains("compgen -W")).toList();
        assertTrue(compgen.stream().noneMatch(l -> l.contains("__docker_debug") || l.contains("$(\"$1\")")),
                compgen.toString());
        assertTrue(compgen.stream().filter(l -> l.contains("${positionals}")).count() > 0, "picocli's own remain");
    }

    /** A model with only the profile option: profiles still complete, from the config file. */
    @Command(name = "docker-debug")
    static final class WithProfiles {
        @Option(names = {"-n", "--name"}) String profile;
        @Option(names = {"-i", "--image"}) String image;
        @Parameters(index = "0", arity = "0..1") String container;
    }

    @Test
    void theProfileOptionCompletesToProfileNames() {
        CommandLine plain = new CommandLine(new WithProfiles());
        String bash = CompletionScripts.bash(plain);
        assertTrue(bash.contains("'-n'|'--name')\n      __docker_debug_reply __docker_debug_profiles\n"), bash);
        String fish = CompletionScripts.fish(plain);
        assertTrue(fish.contains("-s n -l name -r -a '(__docker_debug_profiles)'"), fish);
    }
}
