package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.docker.PullListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DebugServiceTest {
    private final FakeEngine engine = new FakeEngine();
    private final List<String> notes = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private SessionIo io(String stdin) {
        return new SessionIo(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out, err,
                () -> null, PullListener.NONE, notes::add);
    }

    @Test
    void missingImageIsPulledAfterCreateFailsAndTheSessionRunsAndCleansUp() {
        engine.execOutput = frame(1, "hello\n");
        engine.exitCode = 3;
        int code = new DebugService(engine).run(Targets.request(), io("input"));

        assertEquals(3, code);
        assertEquals("hello\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("inspect web", "create toolbox", "pull toolbox", "create toolbox", "attach", "start"),
                engine.calls.subList(0, 6), "no image listing before create");
        assertTrue(engine.containers.isEmpty(), "sidecar removed");
        assertTrue(engine.keeperClosed);
        assertTrue(notes.stream().anyMatch(n -> n.contains("Unable to find image")), notes.toString());
    }

    @Test
    void pullNeverFailsWithoutCreatingAnything() {
        DebugRequest r = Targets.request();
        DebugRequest never = Targets.with(r, s -> s.pull(io.dockerdebug.SidecarOptions.PullPolicy.NEVER));
        DockerDebugException e = assertThrows(DockerDebugException.class, () -> new DebugService(engine).run(never, io("")));
        assertEquals(125, e.exitCode());
        assertFalse(engine.calls.contains("pull toolbox"));
        assertTrue(engine.containers.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"attach", "start", "exec-create"})
    void aFailureAfterCreateRemovesTheSidecar(String step) {
        engine.images.add("toolbox");
        engine.failAt = step;
        DockerDebugException e = assertThrows(DockerDebugException.class, () -> new DebugService(engine).run(Targets.request(), io("")));
        assertEquals(125, e.exitCode());
        assertTrue(engine.calls.contains("remove sidecar"), engine.calls.toString());
        assertTrue(engine.containers.isEmpty());
    }

    @Test
    void aTargetThatStopsWhileTheSidecarStartsIsSaidSoInsteadOfTheEnginesWordsAboutTheSidecar() {
        engine.images.add("toolbox");
        engine.failAt = "start";
        engine.targetWhenFailing = Targets.withState("stopped", false, false, false);
        DockerDebugException e = assertThrows(DockerDebugException.class, () -> new DebugService(engine).run(Targets.request(), io("")));
        assertEquals(125, e.exitCode());
        // The target's name and the status the engine reports now, not the engine's words about the sidecar.
        assertTrue(e.getMessage().contains("web") && e.getMessage().contains("stopped")
                && !e.getMessage().contains("start failed"), e.getMessage());
        assertTrue(engine.containers.isEmpty());
    }

    @Test
    void anUnknownTargetIs125AndCreatesNothing() {
        engine.target = null;
        // Its own type, so that a front end tells it apart (the HTTP API answers 404).
        io.dockerdebug.NoSuchContainerException e = assertThrows(io.dockerdebug.NoSuchContainerException.class,
                () -> new DebugService(engine).run(Targets.request(), io("")));
        assertEquals(125, e.exitCode());
        assertTrue(e.getMessage().contains("No such container"));
        assertEquals(List.of("inspect web"), engine.calls);
    }

    @Test
    void aBadRequestMakesNoEngineCallAtAll() {
        DebugRequest bad = Targets.with("rel", List.of(), null, null, false, "ctrl-p,ctrl-q");
        assertThrows(io.dockerdebug.InvalidOptionsException.class, () -> new DebugService(engine).run(bad, io("")));
        assertTrue(engine.calls.isEmpty());
    }

    @Test
    void stdinReachesTheCommandAndStderrStaysApart() {
        engine.images.add("toolbox");
        byte[] o = frame(1, "out\n");
        byte[] e = frame(2, "err\n");
        byte[] both = new byte[o.length + e.length];
        System.arraycopy(o, 0, both, 0, o.length);
        System.arraycopy(e, 0, both, o.length, e.length);
        engine.execOutput = both;
        engine.execReadsAllInput = true;
        assertEquals(0, new DebugService(engine).run(Targets.request(), io("a\nb\n")));
        assertEquals("a\nb\n", engine.execInput.toString(StandardCharsets.UTF_8), "the command's stdin");
        assertEquals("out\n", out.toString(StandardCharsets.UTF_8));
        assertEquals("err\n", err.toString(StandardCharsets.UTF_8));
    }

    static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + payload.length];
        f[0] = (byte) stream;
        f[7] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 8, payload.length);
        return f;
    }
}
