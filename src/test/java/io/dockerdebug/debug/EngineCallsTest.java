package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.PullListener;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine calls of each session path, in order, as the session's own thread makes them: each
 * one waits for the engine's answer, so their number is what the path costs in round trips.
 * Calls made on other threads at the same time (the sweep, the events watch, what is asked
 * concurrently) are checked apart. A new call on a path must change this test, on purpose.
 */
class EngineCallsTest {
    private final FakeEngine fake = new FakeEngine();
    private final Counting engine = new Counting(fake, Thread.currentThread());

    private int run(DebugRequest request) {
        SessionIo io = new SessionIo(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream(), () -> null, PullListener.NONE, n -> { });
        return new DebugService(engine.engine).run(request, io);
    }

    @Test
    void aOneOffSessionMakesNineCallsInARow() {
        fake.images.add("toolbox");
        assertEquals(0, run(Targets.request()));
        assertEquals(List.of("inspectContainer web", "createContainer", "attachStdin sidecar", "startContainer sidecar",
                "createExec sidecar", "startExec exec1", "inspectExec exec1", "inspectContainer sidecar", "removeContainer sidecar"), engine.inRow);
        // Asked while the sidecar's state is: whether the target still runs.
        assertTrue(engine.beside.contains("inspectContainer " + Targets.ID), engine.beside.toString());
    }

    @Test
    void reusingAKeptSidecarMakesSixCallsInARow() {
        DebugRequest request = Targets.kept(Targets.withCommand(List.of("id")));
        ContainerSpec kept = KeptSidecars.spec(SidecarPlanner.plan(request, Targets.running()).container());
        fake.add("kept1", kept, "running", 0);
        assertEquals(0, run(request));
        assertEquals(List.of("inspectContainer web", "origin kept1", "createExec kept1", "startExec exec1",
                "inspectExec exec1", "inspectContainer kept1"), engine.inRow);
        // Listed while the target is inspected.
        assertTrue(engine.beside.contains("listContainers"), engine.beside.toString());
    }

    /** Records each call (with its first text argument), apart for the session's thread and the others. */
    static final class Counting {
        final List<String> inRow = Collections.synchronizedList(new ArrayList<>());
        final List<String> beside = Collections.synchronizedList(new ArrayList<>());
        final DockerEngine engine;

        Counting(DockerEngine real, Thread session) {
            engine = (DockerEngine) Proxy.newProxyInstance(DockerEngine.class.getClassLoader(),
                    new Class<?>[] {DockerEngine.class}, (proxy, method, args) -> {
                        String arg = args != null && args.length > 0 && args[0] instanceof String s ? " " + s : "";
                        if (!method.getName().equals("close")) {
                            (Thread.currentThread() == session ? inRow : beside).add(method.getName() + arg);
                        }
                        try {
                            return method.invoke(real, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }
    }
}
