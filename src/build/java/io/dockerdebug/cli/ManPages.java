package io.dockerdebug.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Build-time only (not in the jar): writes AsciiDoc man pages for docker-debug and its
 * subcommands from the same picocli model the program uses, with picocli-codegen's
 * ManPageGenerator; asciidoctor turns them into man1/*.1. Usage: ManPages OUTDIR
 */
public final class ManPages {
    private ManPages() {
    }

    public static void main(String[] args) throws Exception {
        Stdio none = new Stdio(InputStream.nullInputStream(), OutputStream.nullOutputStream(),
                new PrintStream(OutputStream.nullOutputStream()), Map.of(), false);
        CommandLine cli = Main.commandLine(none);
        CommandSpec spec = cli.getCommandSpec();
        UsageMessageSpec usage = spec.usageMessage();
        // The NAME line (the help's first description line is long).
        usage.header("open a debugging shell next to any running Docker container");
        // AsciiDoc joins lines: " +" keeps the two forms apart.
        usage.customSynopsis("@|bold docker-debug|@ [OPTIONS] CONTAINER [COMMAND [ARG...]] +",
                "@|bold docker-debug|@ SUBCOMMAND [ARG...]");
        Map<String, String> exit = new LinkedHashMap<>();
        exit.put("125", "docker-debug or the engine failed: bad option, unknown or stopped container, missing image, ...");
        exit.put("126", "COMMAND cannot be executed.");
        exit.put("127", "COMMAND is not found.");
        exit.put("other", "The exit status of COMMAND (or of the shell).");
        usage.exitCodeListHeading("Exit status%n");
        usage.exitCodeList(exit);
        usage.footerHeading("%nEnvironment%n");
        usage.footer(
                "*DOCKER_HOST*: the engine, when -H is not given (default unix:///var/run/docker.sock).",
                "",
                "*NO_COLOR*: when set and not empty, no colours in the help.",
                "",
                "*DOCKER_DEBUG_JAVA_OPTS*: extra options for the Java runtime the launcher starts.",
                "",
                "Shell completion: *docker-debug completion* bash|zsh|fish.");
        int rc = ManPageGenerator.generateManPage(new File(args[0]), null, new boolean[0], true, spec);
        if (rc != 0) {
            throw new IllegalStateException("ManPageGenerator exited " + rc);
        }
    }
}
