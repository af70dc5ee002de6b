package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.PullListener;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one exit-code policy, on a session driven against the fake engine. */
class ExitPolicyTest {
    private final FakeEngine engine = new FakeEngine();

    ExitPolicyTest() {
        engine.images.add("toolbox");
    }

    /** Runs a session to the end of its output, lets {@code meanwhile} happen, then decides. */
    private ExitPolicy.Ending end(Runnable meanwhile) throws Exception {
        DebugSession session = new DebugService(engine).open(Targets.request(), PullListener.NONE, n -> { });
        try {
            SessionDriver driver = SessionDriver.start(session);
            driver.stream().startOutput(OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
            ExecStream.Outcome outcome = driver.stream().ended().get(30, TimeUnit.SECONDS);
            meanwhile.run();
            return driver.finish(outcome);
        } finally {
            session.close();
        }
    }

    @Test
    void theCommandsOwnCodeWhileTheTargetRuns() throws Exception {
        engine.exitCode = 3;
        assertEquals(new ExitPolicy.Ending(3, null, false), end(() -> { }));
    }

    @Test
    void aMissingCommandIs127ByTheEnginesWords() throws Exception {
        engine.exitCode = ExitCodes.NOT_EXECUTABLE;
        engine.execOutput = DebugServiceTest.frame(1, "OCI runtime exec failed: exec: \"x\": executable file not found");
        assertEquals(ExitCodes.NOT_FOUND, end(() -> { }).code());
    }

    @Test
    void aTargetThatStoppedUnderTheCommandIsOneLineAndASignalsCodeIsKept() throws Exception {
        engine.exitCode = ExitCodes.KILLED;
        ExitPolicy.Ending e = end(() -> engine.target = Targets.withState("exited", false, false, false));
        assertEquals(ExitCodes.KILLED, e.code());
        assertTrue(e.lost());
        assertTrue(e.note().contains("web") && e.note().contains("stopped during the session"), e.note());
    }

    @Test
    void aCommandThatEndedWellWhileTheTargetStoppedIs125() throws Exception {
        engine.exitCode = 0;
        ExitPolicy.Ending e = end(() -> engine.target = Targets.withState("exited", false, false, false));
        assertEquals(ExitCodes.ENGINE_ERROR, e.code());
        assertTrue(e.note().contains("stopped during the session"), e.note());
    }

    @Test
    void aTargetThatRestartedWhileTheSidecarLivesKeepsTheCodeAndSaysSo() throws Exception {
        engine.exitCode = 4;
        ContainerDetails t = Targets.running();
        ExitPolicy.Ending e = end(() -> engine.target = new ContainerDetails(t.id(), t.name(), "running", true, false,
                false, t.pid() + 1, "", "private", t.mergedDir(), List.of(), Map.of()));
        assertEquals(4, e.code());
        assertTrue(e.note().contains("restarted"), e.note());
    }

    @Test
    void aClosedLocalOutputIsAClosedPipeAndADetachIsZero() throws Exception {
        DebugSession session = new DebugService(engine).open(Targets.request(), PullListener.NONE, n -> { });
        try {
            assertEquals(ExitPolicy.Ending.of(ExitCodes.CLOSED_PIPE),
                    ExitPolicy.decide(session, ExecStream.Outcome.LOCAL_OUTPUT_CLOSED, ""));
            assertEquals(ExitPolicy.Ending.of(0), ExitPolicy.decide(session, ExecStream.Outcome.DETACHED, ""));
            assertNull(ExitPolicy.decide(session, ExecStream.Outcome.DETACHED, "").note());
        } finally {
            session.close();
        }
    }

    @Test
    void aConnectionThatBrokeWhileTheSidecarLivesIsALostSession() {
        DebugSession session = new DebugService(engine).open(Targets.request(), PullListener.NONE, n -> { });
        try {
            DockerDebugException e = assertThrows(DockerDebugException.class, () -> ExitPolicy.decide(session,
                    new ExecStream.Outcome(ExecStream.End.BROKEN, new IOException("Connection reset")), ""));
            assertEquals(ExitCodes.ENGINE_ERROR, e.exitCode());
            assertTrue(e.getMessage().contains("session was lost") && e.getMessage().contains("Connection reset"),
                    e.getMessage());
        } finally {
            session.close();
        }
    }
}
