package io.dockerdebug.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

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

    @Test
    void bashHooksContainersAndImagesIntoPicocliScript() {
        String bash = CompletionScripts.bash(Main.commandLine(stdio()));
        assertTrue(bash.contains("positionals=$(__docker_debug_containers)"), bash);
        assertTrue(bash.contains("'-i'|'--image')\n      __docker_debug_reply __docker_debug_images\n      return"), bash);
        assertTrue(bash.contains("docker ps --format '{{.Names}}'") || bash.contains("ps --format '{{.Names}}'"));
        assertTrue(bash.contains("images --format '{{.Repository}}:{{.Tag}}'"));
        assertTrue(bash.contains("complete -F _complete_docker-debug"));
        // Options with values are skipped when looking for CONTAINER.
        assertTrue(bash.contains("      -i|--image|-c|--command|-v|--volume|"), bash);
    }

    /** A model like docker-debug's with the profile option and "config --names" of the config work. */
    @Command(name = "docker-debug")
    static final class WithProfiles {
        @Option(names = {"-n", "--name"}) String profile;
        @Option(names = {"-i", "--image"}) String image;
        @Parameters(index = "0", arity = "0..1") String container;
    }

    @Command(name = "config")
    static final class Config {
        @Option(names = "--names") boolean names;
    }

    @Test
    void theProfileOptionCompletesToProfileNames() {
        CommandLine plain = new CommandLine(new WithProfiles());
        String bash = CompletionScripts.bash(plain);
        assertTrue(bash.contains("'-n'|'--name')\n      __docker_debug_reply __docker_debug_profiles\n"), bash);
        assertTrue(bash.contains("\\[config\\.\\([^]]*\\)\\]"), "without a config subcommand, read the file: " + bash);
        String fish = CompletionScripts.fish(plain);
        assertTrue(fish.contains("-s n -l name -r -a '(__docker_debug_profiles)'"), fish);

        CommandLine withConfig = new CommandLine(new WithProfiles()).addSubcommand(new Config());
        String bash2 = CompletionScripts.bash(withConfig);
        assertTrue(bash2.contains("command docker-debug config --names"), bash2);
        assertFalse(bash2.contains("config.toml"), bash2);
    }

    @Test
    void fishCompletesContainersImagesAndSubcommands() {
        String fish = CompletionScripts.fish(Main.commandLine(stdio()));
        assertTrue(fish.contains("complete -c docker-debug -n __docker_debug_wants_container -a '(__docker_debug_containers)'"), fish);
        assertTrue(fish.contains("-s i -l image -r -a '(__docker_debug_images)'"), fish);
        assertTrue(fish.contains("-a 'completion'"), fish);
        assertTrue(fish.contains("-n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'"), fish);
    }

    @Test
    void zshUsesTheBashScriptThroughBashcompinit() {
        String zsh = CompletionScripts.zsh(Main.commandLine(stdio()));
        assertTrue(zsh.startsWith("# docker-debug completion for zsh"), zsh);
        assertTrue(zsh.contains("bashcompinit"), zsh);
        assertTrue(zsh.contains("positionals=$(__docker_debug_containers)"), zsh);
    }
}
