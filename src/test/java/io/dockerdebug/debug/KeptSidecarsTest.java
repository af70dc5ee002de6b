package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerSpec;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeptSidecarsTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<String> notes = new ArrayList<>();

    private SessionIo io() {
        return new SessionIo(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), () -> null, PullListener.NONE, notes::add);
    }

    private static ContainerSpec planned(List<String> capAdd) {
        return new ContainerSpec("toolbox", SidecarPlanner.KEEPER,
                Map.of(Labels.SIDECAR, "true", Labels.TARGET, Targets.ID), List.of("/m:/mnt/container"),
                "container:" + Targets.ID, "container:" + Targets.ID, null, false, capAdd, List.of(), true, true);
    }

    @Test
    void aKeptSidecarWaitsOnItsOwnAndIsLabelledWithItsConfig() {
        ContainerSpec kept = KeptSidecars.spec(planned(List.of()));
        assertEquals(KeptSidecars.WAITER, kept.entrypoint());
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
        int code = new DebugService(engine).run(Targets.request().withKeep(true), io());
        assertEquals(0, code);
        assertTrue(engine.calls.contains("create toolbox"));
        assertFalse(engine.calls.contains("attach"), "a kept sidecar holds no keeper attach");
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("remove")), engine.calls.toString());
        assertEquals(List.of("sidecar"), List.copyOf(engine.containers));
        assertTrue(notes.stream().anyMatch(n -> n.contains("keeping sidecar")), notes.toString());
    }

    @Test
    void keepExecsIntoAKeptSidecarInsteadOfCreatingOne() {
        DebugRequest request = Targets.withCommand(List.of("id")).withKeep(true);
        engine.addContainer("kept1", KeptSidecars.reuseFilter(SidecarPlanner.plan(request, engine.target).container()).labels());
        engine.addContainer("other-config", java.util.Map.of(Labels.KEEP, "true", Labels.TARGET, engine.target.id(),
                Labels.CONFIG, "0"));
        int code = new DebugService(engine).run(request, io());
        assertEquals(0, code);
        assertFalse(engine.calls.stream().anyMatch(c -> c.startsWith("create") || c.equals("start")),
                engine.calls.toString());
        assertTrue(engine.calls.contains("exec-create id"), engine.calls.toString());
        assertEquals(java.util.Set.of("kept1", "other-config"), engine.containers, "still there");
    }

    @Test
    void aKeptSidecarThatFailsToStartIsRemoved() {
        engine.images.add("toolbox");
        engine.failAt = "start";
        try {
            new DebugService(engine).run(Targets.request().withKeep(true), io());
        } catch (DebugException expected) {
            assertEquals(125, expected.exitCode());
        }
        assertTrue(engine.containers.isEmpty(), engine.calls.toString());
    }
}
