package io.dockerdebug.debug;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The sidecar's script files: checked by shellcheck, loaded as the sidecar gets them. Each one runs in SidecarScriptsIT. */
class SidecarScriptTest {
    private static final Path DIR = Path.of("src/main/resources/io/dockerdebug/debug");

    private static List<Path> scriptFiles() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sh")).sorted().toList();
        }
    }

    @Test
    void everyScriptFileIsOneTheSidecarRuns() throws IOException {
        Set<String> used = Arrays.stream(SidecarScript.values()).flatMap(s -> s.files().stream())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> present = scriptFiles().stream().map(f -> f.getFileName().toString())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(present, used, "every .sh file is a script of SidecarScript, and every script's file exists");
    }

    /**
     * shellcheck (Debian's package; scripts/test-engine.sh installs it) as POSIX sh, every finding
     * included: a finding that is not a fault is disabled in the file, with a comment saying why.
     */
    @Test
    void shellcheckFindsNothingInAnyScript() throws Exception {
        List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=sh", "--format=gcc"));
        for (Path f : scriptFiles()) {
            command.add(f.toString());
        }
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            String why = "this test needs shellcheck on PATH (Debian package shellcheck; scripts/test-engine.sh installs it)";
            if (System.getenv("CI") != null) {
                fail(why, e);
            }
            Assumptions.abort(why);
            return;
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "shellcheck did not end");
        assertEquals(0, p.exitValue(), "shellcheck's findings:\n" + new String(out, StandardCharsets.UTF_8));
    }

    /**
     * The keeper's and the waiter's commands are how a sidecar is recognised as docker-debug's
     * (OwnSidecars), also by other versions of docker-debug, which compare them with these texts.
     */
    @Test
    void theKeeperAndTheWaiterAreTheCommandsEveryVersionRecognises() {
        assertEquals(List.of("/bin/sh", "-c", "while read -r _; do :; done; "
                + "cg() { r=; while IFS= read -r l; do r=\"$r$l;\"; done <\"/proc/$1/cgroup\"; }; "
                + "cg $$; me=$r; "
                + "for d in /proc/[0-9]*; do p=${d#/proc/}; [ \"$p\" = $$ ] && continue; "
                + "cg \"$p\" 2>/dev/null && [ \"$r\" = \"$me\" ] && [ \"/proc/$p/ns/mnt\" -ef /proc/$$/ns/mnt ] "
                + "&& kill -9 \"$p\" 2>/dev/null; done; exit 0"), SidecarScript.KEEPER.argv());
        assertEquals(List.of("/bin/sh", "-c", "while :; do sleep 3600; done"), SidecarScript.WAITER.argv());
    }

    @Test
    void aScriptIsSentWithoutCommentsBlankLinesOrIndentation() {
        assertEquals("if a; then\nb \"# not a comment\"\nfi",
                SidecarScript.strip("#!/bin/sh\n# what it does\n\nif a; then\n  # why\n  b \"# not a comment\"\nfi\n"));
        for (SidecarScript s : SidecarScript.values()) {
            for (String line : s.text().split("\n")) {
                assertFalse(line.isBlank() || line.startsWith("#") || Character.isWhitespace(line.charAt(0)),
                        s + ": " + line);
            }
        }
    }

    /** Stripping indentation would change a here-document or a quoted string across lines: the files have none. */
    @Test
    void noScriptHasAHereDocumentOrAQuotedStringAcrossLines() throws IOException {
        for (Path f : scriptFiles()) {
            for (String line : SidecarScript.strip(Files.readString(f)).split("\n")) {
                assertFalse(line.contains("<<"), f + ": " + line);
                String unescaped = line.replace("\\\\", "").replace("\\\"", "").replace("\\'", "");
                long quotes = unescaped.chars().filter(c -> c == '"').count();
                long single = unescaped.replaceAll("\"[^\"]*\"", "").chars().filter(c -> c == '\'').count();
                assertEquals(0, quotes % 2, f + ": a double-quoted string across lines: " + line);
                assertEquals(0, single % 2, f + ": a single-quoted string across lines: " + line);
            }
        }
    }

    @Test
    void theScriptsThatFindTheTargetsProcessDefineFindPidFirst() {
        for (SidecarScript s : List.of(SidecarScript.CHROOT, SidecarScript.LINK_ROOT)) {
            assertTrue(s.text().startsWith(SidecarScript.FIND_PID.text() + "\n"), s.toString());
            assertTrue(s.text().contains("\nfind_pid\n"), s.toString());
        }
    }
}
