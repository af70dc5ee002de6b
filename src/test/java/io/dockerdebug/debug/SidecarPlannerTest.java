package io.dockerdebug.debug;

import io.dockerdebug.SidecarOptions;
import io.dockerdebug.DockerDebugException;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.ContainerDetails.Mount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarPlannerTest {

    @Test
    void joinsPidAndNetworkAndMountsTheMergedRootAndTheTargetsMounts() {
        ContainerDetails target = Targets.running("/ov/merged", "private", List.of(
                new Mount("volume", "/var/lib/docker/volumes/data/_data", "/data", true),
                new Mount("bind", "/etc/conf", "/conf", false),
                new Mount("engine", "/var/lib/docker/containers/x/hosts", "/etc/hosts", true)));
        SidecarPlan plan = SidecarPlanner.plan(Targets.request(), target);

        assertEquals("container:" + Targets.ID, plan.container().pidMode());
        assertEquals("container:" + Targets.ID, plan.container().networkMode());
        assertEquals(List.of("/ov/merged:/mnt/container",
                "/var/lib/docker/volumes/data/_data:/mnt/container/data",
                "/etc/conf:/mnt/container/conf:ro",
                "/var/lib/docker/containers/x/hosts:/mnt/container/etc/hosts"), plan.container().binds());
        assertTrue(plan.container().capAdd().isEmpty(), "binds need no ptrace");
        assertEquals(Map.of(Labels.SIDECAR, "true", Labels.TARGET, Targets.ID), plan.container().labels());
        assertTrue(plan.container().autoRemove());
        assertTrue(plan.container().openStdin(), "the keeper process must read our attach's stdin");
        assertEquals("/mnt/container", plan.exec().workingDir());
    }

    @Test
    void aChrootSessionBindsNoRootReadsItThroughProcAndRunsTheCommandInsideIt() {
        DebugRequest request = Targets.chroot(Targets.with(io.dockerdebug.SidecarOptions.DEFAULT_MOUNT_DIR, List.of(),
                null, "/app", false, "ctrl-p,ctrl-q"));
        SidecarPlan plan = SidecarPlanner.plan(request, Targets.running());

        assertTrue(plan.container().binds().isEmpty(), "the root is reached as /proc/PID/root: " + plan.container().binds());
        assertEquals(List.of("SYS_PTRACE"), plan.container().capAdd(), "another user's /proc/PID/root needs ptrace");
        assertNull(plan.exec().workingDir(), "the workdir is a path in the target, entered after the chroot");
        List<String> cmd = plan.exec().cmd();
        assertEquals(SidecarScript.CHROOT.argv("docker-debug", "1", "/app"), cmd.subList(0, 6));
        assertEquals(List.of("sh", "-c", SidecarScript.CHROOT_SHELL.text()), cmd.subList(6, cmd.size()));

        SidecarPlan command = SidecarPlanner.plan(Targets.chroot(Targets.withCommand(List.of("ls", "/"))), Targets.running());
        assertEquals(List.of("docker-debug", "1", "", "ls", "/"), command.exec().cmd().subList(3, 8));
    }

    @Test
    void aStoppedTargetsLayersAreMountedInTheSidecarWithItsOwnUpperLayerAndVolumes() {
        ContainerDetails.Layers layers = new ContainerDetails.Layers("/o/init/diff:/o/img/diff", "/o/c/diff", "/o/c/work",
                List.of("/entry", "run it"));
        ContainerDetails stopped = new ContainerDetails(Targets.ID, "web", "exited", false, false, false, 0, "", "private",
                null, List.of(new Mount("volume", "/v/_data", "/data", true),
                new Mount("engine", "/c/hosts", "/etc/hosts", true)), Map.of(), false, layers);
        SidecarPlan plan = SidecarPlanner.plan(Targets.request(), stopped);

        assertEquals(List.of("/o/init/diff:/o/init/diff:ro", "/o/img/diff:/o/img/diff:ro", "/o/c:/o/c",
                "/v/_data:/.docker-debug-volumes/0"), plan.container().binds());
        assertNull(plan.container().pidMode(), "nothing runs to share namespaces with");
        assertNull(plan.container().networkMode());
        assertEquals(List.of("SYS_ADMIN"), plan.container().capAdd());
        assertEquals(List.of("/mnt/container", "/o/init/diff:/o/img/diff", "/o/c/diff", "/o/c/work", "", "1", "0", "/data"),
                plan.exec().cmd().subList(4, 12));
        assertTrue(SidecarPlanner.notRunningNote(stopped, "/mnt/container")
                .endsWith("chroot /mnt/container /entry 'run it'"));

        ContainerDetails vfs = new ContainerDetails(Targets.ID, "web", "exited", false, false, false, 0, "", "private",
                null, List.of(), Map.of(), false, null);
        assertEquals(DockerDebugException.ENGINE_ERROR,
                assertThrows(DockerDebugException.class, () -> SidecarPlanner.plan(Targets.request(), vfs)).exitCode());
    }

    private static ContainerDetails target(String mergedDir, String pidMode, boolean readOnly, List<Mount> mounts) {
        return new ContainerDetails(Targets.ID, "web", "running", true, false, false, 4242, pidMode, "private",
                mergedDir, mounts, Map.of(), readOnly);
    }

    @Test
    void aReadOnlyTargetsRootIsBoundReadOnly() {
        SidecarPlan plan = SidecarPlanner.plan(Targets.request(), target("/ov/merged", "", true, List.of(
                new Mount("engine", "/c/hosts", "/etc/hosts", false))));
        assertEquals(List.of("/ov/merged:/mnt/container:ro", "/c/hosts:/mnt/container/etc/hosts:ro"),
                plan.container().binds());
    }

    @Test
    void aTargetWithATmpfsIsSeenThroughItsOwnMountNamespace() {
        // A tmpfs lives only in the target's mount namespace: no bind can show it, /proc/PID/root does.
        SidecarPlan plan = SidecarPlanner.plan(Targets.withCommand(List.of("ls")), target("/ov/merged", "", true,
                List.of(new Mount("tmpfs", null, "/run", true), new Mount("volume", "/v/_data", "/data", true))));
        assertTrue(plan.container().binds().isEmpty(), plan.container().binds().toString());
        assertEquals(SidecarScript.LINK_ROOT.text(), plan.exec().cmd().get(2));
        assertEquals(List.of("docker-debug", "/mnt/container", "1"), plan.exec().cmd().subList(3, 6));
        assertEquals(List.of("SYS_PTRACE"), plan.container().capAdd(), "to reach the root of a target of another user");
    }

    @Test
    void aTargetInAnotherContainersPidNamespaceIsFoundByItsCgroupNotAsPid1() {
        SidecarPlan plan = SidecarPlanner.plan(Targets.withCommand(List.of("ls")),
                target(null, "container:" + "f".repeat(64), false, List.of()));
        assertEquals("cgroup:" + Targets.ID, plan.exec().cmd().get(5));
        assertEquals("cgroup:" + Targets.ID, SidecarPlanner.targetPidInSidecar(
                target(null, "container:" + "f".repeat(64), false, List.of())));
    }

    @Test
    void privateIpcIsNotJoinedButNoted() {
        SidecarPlan plan = SidecarPlanner.plan(Targets.request(), Targets.running());
        assertNull(plan.container().ipcMode());
        assertEquals(1, plan.notes().size());
        assertTrue(plan.notes().get(0).contains("private"), plan.notes().get(0));
    }

    @ParameterizedTest
    @CsvSource({"shareable, container:" + Targets.ID, "host, host", "container:other, container:other"})
    void shareableIpcIsJoined(String targetIpc, String expected) {
        SidecarPlan plan = SidecarPlanner.plan(Targets.request(), Targets.running("/m", targetIpc, List.of()));
        assertEquals(expected, plan.container().ipcMode());
        assertTrue(plan.notes().isEmpty());
    }

    @Test
    void requiredIpcOnAPrivateTargetIsAnError() {
        DebugRequest r = Targets.with("/mnt/container", List.of(), null, null, true, "ctrl-p,ctrl-q");
        DockerDebugException e = assertThrows(DockerDebugException.class, () -> SidecarPlanner.plan(r, Targets.running()));
        assertEquals(125, e.exitCode());
        assertTrue(e.getMessage().contains("IPC"), e.getMessage());
    }

    @Test
    void withoutMergedDirTheRootIsLinkedThroughProcAndNothingNullIsBound() {
        ContainerDetails target = Targets.running(null, "private", List.of(
                new Mount("volume", "/v/_data", "/data", true)));
        SidecarPlan plan = SidecarPlanner.plan(Targets.withCommand(List.of("ls", "-l")), target);

        assertTrue(plan.container().binds().isEmpty(), "no bind, and never a null source");
        List<String> cmd = plan.exec().cmd();
        assertEquals("/bin/sh", cmd.get(0));
        assertEquals(SidecarScript.LINK_ROOT.text(), cmd.get(2));
        assertEquals(List.of("docker-debug", "/mnt/container", "1", "/mnt/container", "ls", "-l"), cmd.subList(3, 9));
        assertNull(plan.exec().workingDir(), "the link does not exist before the exec makes it");
    }

    @Test
    void aTargetInTheHostPidNamespaceIsReachedByItsHostPid() {
        ContainerDetails t = Targets.running(null, "private", List.of());
        ContainerDetails host = new ContainerDetails(t.id(), t.name(), t.status(), true, false, false, 4242, "host",
                t.ipcMode(), null, List.of(), Map.of());
        assertEquals("4242", SidecarPlanner.targetPidInSidecar(host));
        assertEquals("1", SidecarPlanner.targetPidInSidecar(t));
    }

    @Test
    void emptyMountDirMountsNothing() {
        DebugRequest r = Targets.with("", List.of("/h:/x:ro"), null, null, false, "ctrl-p,ctrl-q");
        SidecarPlan plan = SidecarPlanner.plan(r, Targets.running());
        assertEquals(List.of("/h:/x:ro"), plan.container().binds());
        assertNull(plan.exec().workingDir());
    }

    @Test
    void commandShellCommandAndLoginShell() {
        assertEquals(List.of("id", "-u"), SidecarPlanner.plan(Targets.withCommand(List.of("id", "-u")),
                Targets.running()).exec().cmd());
        DebugRequest r = Targets.request();
        DebugRequest sh = new DebugRequest(r.target(), r.sidecar(), r.command().toBuilder().shell("ss -lntp").build());
        assertEquals(List.of("/bin/sh", "-c", "ss -lntp"), SidecarPlanner.plan(sh, Targets.running()).exec().cmd());
        assertEquals(SidecarScript.LOGIN_SHELL.argv(),
                SidecarPlanner.plan(r, Targets.running()).exec().cmd());
    }

    @Test
    void aTtySessionThatPassesOnTheUsersTermRunsBehindTheTermCheck() {
        DebugRequest r = Targets.request();
        DebugRequest tty = new DebugRequest(r.target(), r.sidecar(), r.command().toBuilder().command(List.of("top"))
                .tty(true).env("TERM=xterm-kitty").build());
        List<String> check = SidecarScript.TERM_CHECK.argv("docker-debug");
        List<String> plain = SidecarPlanner.plan(tty, Targets.running()).exec().cmd();
        assertEquals(check, plain.subList(0, check.size()));
        assertEquals(List.of("top"), plain.subList(check.size(), plain.size()));
        List<String> rooted = SidecarPlanner.plan(Targets.chroot(tty), Targets.running()).exec().cmd();
        assertEquals(check, rooted.subList(0, check.size()));
        assertEquals(SidecarScript.CHROOT.argv("docker-debug", "1", ""), rooted.subList(check.size(), check.size() + 6));
        assertEquals(List.of("top"), SidecarPlanner.plan(Targets.withCommand(List.of("top")), Targets.running()).exec().cmd(),
                "no TTY: the command as it is");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "exited   | false | false | false | not running",
            "paused   | true  | true  | false | paused",
            "restarting | true | false | true | restarting"})
    void unusableTargetsAreRefused(String status, boolean running, boolean paused, boolean restarting, String word) {
        DockerDebugException e = assertThrows(DockerDebugException.class,
                () -> SidecarPlanner.plan(Targets.request(), Targets.withState(status, running, paused, restarting)));
        assertEquals(125, e.exitCode());
        assertTrue(e.getMessage().contains(word), e.getMessage());
    }

    @Test
    void aSidecarIsNeverATarget() {
        ContainerDetails t = Targets.running();
        ContainerDetails sidecar = new ContainerDetails(t.id(), "sc", "running", true, false, false, 1, "", "private",
                "/m", List.of(), Map.of(Labels.SIDECAR, "true"));
        DockerDebugException e = assertThrows(DockerDebugException.class, () -> SidecarPlanner.plan(Targets.request(), sidecar));
        assertTrue(e.getMessage().contains("sidecar"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "relative/dir | /a:/b | root | ctrl-p,ctrl-q | --mount-dir",
            "/mnt/c | nocolon | root | ctrl-p,ctrl-q | --volume",
            "/mnt/c | /a:rel | root | ctrl-p,ctrl-q | --volume",
            "/mnt/c | /a:/b:rx | root | ctrl-p,ctrl-q | --volume",
            "/mnt/c | rel:/b | root | ctrl-p,ctrl-q | named volume",
            "/mnt/c | ./rel:/b | root | ctrl-p,ctrl-q | absolute host path",
            "/mnt/c | /a:/b | a:b:c | ctrl-p,ctrl-q | --user",
            "/mnt/c | /a:/b | 'bad user' | ctrl-p,ctrl-q | --user",
            "/mnt/c | /a:/b | root | ctrl-pp | detach keys"})
    void badInputIsRefusedBeforeAnyEngineCall(String mountDir, String volume, String user, String keys, String word) {
        DebugRequest r = Targets.with(mountDir, List.of(volume), user, null, false, keys);
        io.dockerdebug.InvalidOptionsException e = assertThrows(io.dockerdebug.InvalidOptionsException.class, () -> SidecarPlanner.validate(r));
        assertEquals(125, e.exitCode());
        assertTrue(e.getMessage().contains(word), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void notFoundMessagesAreRecognised() {
        assertTrue(ExitCodes.isNotFound("OCI runtime exec failed: exec: \"x\": executable file not found in $PATH"));
        assertTrue(ExitCodes.isNotFound("stat /x: no such file or directory: unknown"));
        assertFalse(ExitCodes.isNotFound("exec: \"/etc/passwd\": permission denied: unknown"));
    }

    @Test
    void aTargetInAPodIsJoinedByPathWhenTheEngineRefusesTheDependency() {
        ContainerDetails inPod = Targets.running(null, "container:infra", List.of());
        var spec = SidecarPlanner.plan(Targets.request(), inPod).container();
        java.util.List<String> notes = new java.util.ArrayList<>();
        var other = SidecarPlanner.fallback(spec, "containers not in pods cannot depend on containers in pods",
                inPod, SidecarOptions.defaults(), notes::add);
        assertEquals("ns:/proc/4242/ns/pid", other.pidMode());
        assertEquals("ns:/proc/4242/ns/net", other.networkMode());
        assertEquals("ns:/proc/4242/ns/ipc", other.ipcMode());
        assertNull(SidecarPlanner.fallback(other, "containers not in pods cannot depend on containers in pods",
                inPod, SidecarOptions.defaults(), notes::add), "no second fallback: the refusal stands");
        assertTrue(notes.isEmpty());
    }

    @Test
    void aNonShareableIpcIsLeftOutUnlessAsked() {
        ContainerDetails target = Targets.running(null, "shareable", List.of());
        var spec = SidecarPlanner.plan(Targets.request(), target).container();
        java.util.List<String> notes = new java.util.ArrayList<>();
        String refusal = "joining IPC of container x is not allowed: non-shareable IPC";
        var other = SidecarPlanner.fallback(spec, refusal, target, SidecarOptions.defaults(), notes::add);
        assertNull(other.ipcMode());
        assertEquals(spec.pidMode(), other.pidMode());
        assertEquals(1, notes.size());
        assertNull(SidecarPlanner.fallback(spec, refusal, target, SidecarOptions.builder().requireIpc(true).build(), notes::add));
        assertNull(SidecarPlanner.fallback(spec, "no such image", target, SidecarOptions.defaults(), notes::add));
    }
}
