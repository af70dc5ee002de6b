package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.docker.ContainerOrigin;
import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.PullListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeptSidecarsTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<String> notes = new ArrayList<>();

    private SessionIo io() {
        return new SessionIo(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), () -> null, PullListener.NONE, notes::add);
    }

    private static ContainerSpec planned(List<String> capAdd) {
        return new ContainerSpec("toolbox", SidecarScript.KEEPER.argv(),
                Map.of(Labels.SIDECAR, "true", Labels.TARGET, Targets.ID), List.of("/m:/mnt/container"),
                "container:" + Targets.ID, "container:" + Targets.ID, null, false, capAdd, List.of(), true, true);
    }

    @Test
    void aKeptSidecarWaitsOnItsOwnAndIsLabelledWithItsConfig() {
        ContainerSpec kept = KeptSidecars.spec(planned(List.of()));
        assertEquals(SidecarScript.WAITER.argv(), kept.entrypoint());
        assertFalse(kept.openStdin(), "no client attach to depend on");
        assertTrue(kept.autoRemove(), "removed by the engine once it exits (its target gone)");
        assertEquals("true", kept.labels().get(Labels.KEEP));
        assertEquals("true", kept.labels().get(Labels.SIDECAR));
        assertEquals(Targets.ID, kept.labels().get(Labels.TARGET));
        assertEquals(KeptSidecars.configHash(planned(List.of())), kept.labels().get(Labels.CONFIG));
        assertEquals(planned(List.of()).binds(), kept.binds());
    }

    @Test
    void theConfigHashDependsOnWhatTheContainerIsMadeOf() {
        String plain = KeptSidecars.configHash(planned(List.of()));
        assertEquals(plain, KeptSidecars.configHash(planned(List.of())));
        assertNotEquals(plain, KeptSidecars.configHash(planned(List.of("SYS_PTRACE"))));
        assertEquals(24, plain.length());
        assertEquals(Map.of(Labels.KEEP, "true", Labels.TARGET, Targets.ID, Labels.CONFIG, plain),
                KeptSidecars.reuseFilter(planned(List.of())).labels());
    }

    @Test
    void keepCreatesAWaitingSidecarAndLeavesIt() {
        engine.images.add("toolbox");
        int code = new DebugService(engine).run(Targets.kept(Targets.request()), io());
        assertEquals(0, code);
        assertTrue(engine.calls.contains("create toolbox"));
        assertFalse(engine.calls.contains("attach"), "a kept sidecar holds no keeper attach");
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("remove")), engine.calls.toString());
        assertEquals(List.of("sidecar"), List.copyOf(engine.containers));
        assertTrue(notes.stream().anyMatch(n -> n.contains("keeping sidecar")), notes.toString());
    }

    /** A kept sidecar as an earlier --keep session of this request left it. */
    private static ContainerSpec keptFor(DebugRequest request) {
        return KeptSidecars.spec(SidecarPlanner.plan(request, Targets.running()).container());
    }

    @Test
    void keepExecsIntoAKeptSidecarInsteadOfCreatingOne() {
        DebugRequest request = Targets.kept(Targets.withCommand(List.of("id")));
        engine.add("kept1", keptFor(request), "running", 0);
        int code = new DebugService(engine).run(request, io());
        assertEquals(0, code);
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("create") || c.equals("start")),
                engine.calls.toString());
        assertTrue(engine.calls.contains("exec-create id"), engine.calls.toString());
        assertEquals(java.util.Set.of("kept1"), engine.containers, "still there");
    }

    /** Only a sidecar kept with the same configuration is reused: the reuse filter is the engine's. */
    @Test
    void aSidecarKeptWithOtherOptionsIsNotReused() {
        engine.images.add("toolbox");
        DebugRequest request = Targets.kept(Targets.withCommand(List.of("id")));
        DebugRequest r = request;
        DebugRequest privileged = Targets.with(r, s -> s.privileged(true));
        engine.add("other", keptFor(privileged), "running", 0);
        assertEquals(0, new DebugService(engine).run(request, io()));
        assertTrue(engine.calls.contains("create toolbox"), engine.calls.toString());
        assertEquals(java.util.Set.of("other", "sidecar"), engine.containers);
    }

    /**
     * Containers with the labels of a kept sidecar that we did not create (an image built with
     * them, a docker commit of a kept sidecar) are never exec'd into: a new sidecar is created.
     */
    @Test
    void aLookAlikeOfAKeptSidecarIsNotReused() {
        engine.images.add("toolbox");
        DebugRequest request = Targets.kept(Targets.withCommand(List.of("id")));
        ContainerSpec kept = keptFor(request);
        engine.add(new ContainerSummary("fromImage", "running", 0, kept.labels()), new ContainerOrigin("fromImage",
                kept.labels(), kept.labels(), List.of("/app"), List.of(), false, false, ""));
        engine.add(new ContainerSummary("committed", "running", 0, kept.labels()), new ContainerOrigin("committed",
                kept.labels(), kept.labels(), kept.entrypoint(), List.of(), false, true, kept.pidMode()));
        engine.add(new ContainerSummary("ownPid", "running", 0, kept.labels()), new ContainerOrigin("ownPid",
                kept.labels(), java.util.Map.of(), kept.entrypoint(), List.of(), false, true, ""));
        assertEquals(0, new DebugService(engine).run(request, io()));
        assertTrue(engine.calls.contains("create toolbox"), engine.calls.toString());
        assertEquals(List.of("exec-create id"), engine.calls.stream().filter(c -> c.startsWith("exec-create")).toList(),
                "one exec, in the sidecar it created: " + engine.calls);
        assertEquals(java.util.Set.of("fromImage", "committed", "ownPid", "sidecar"), engine.containers);
    }

    @Test
    void aKeptSidecarThatFailsToStartIsRemoved() {
        engine.images.add("toolbox");
        engine.failAt = "start";
        DockerDebugException e = assertThrows(DockerDebugException.class,
                () -> new DebugService(engine).run(Targets.kept(Targets.request()), io()));
        assertEquals(125, e.exitCode());
        assertTrue(engine.containers.isEmpty(), engine.calls.toString());
    }
}
