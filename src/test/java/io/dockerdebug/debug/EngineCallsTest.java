package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.ContainerEvents;
import io.dockerdebug.docker.ContainerFilter;
import io.dockerdebug.docker.ContainerOrigin;
import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.ExecSpec;
import io.dockerdebug.docker.ExecState;
import io.dockerdebug.docker.PullListener;
import io.dockerdebug.docker.RawConnection;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
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
        return new DebugService(engine).run(request, io);
    }

    @Test
    void aOneOffSessionMakesNineCallsInARow() {
        fake.images.add("toolbox");
        assertEquals(0, run(Targets.request()));
        assertEquals(List.of("inspectContainer web", "createContainer", "attachStdin", "startContainer", "createExec",
                "startExec", "inspectExec", "inspectContainer sidecar", "removeContainer sidecar"), engine.inRow);
        // Asked while the sidecar's state is: whether the target still runs.
        assertTrue(engine.beside.contains("inspectContainer " + Targets.ID), engine.beside.toString());
    }

    @Test
    void reusingAKeptSidecarMakesSixCallsInARow() {
        DebugRequest request = Targets.withCommand(List.of("id")).withKeep(true);
        ContainerSpec kept = KeptSidecars.spec(SidecarPlanner.plan(request, Targets.running()).container());
        fake.add("kept1", kept, "running", 0);
        assertEquals(0, run(request));
        assertEquals(List.of("inspectContainer web", "origin kept1", "createExec", "startExec", "inspectExec",
                "inspectContainer kept1"), engine.inRow);
        // Listed while the target is inspected.
        assertTrue(engine.beside.contains("listContainers"), engine.beside.toString());
    }

    /** Records each call, apart for the calling thread and the others. */
    static final class Counting implements DockerEngine {
        private final DockerEngine engine;
        private final Thread session;
        final List<String> inRow = Collections.synchronizedList(new ArrayList<>());
        final List<String> beside = Collections.synchronizedList(new ArrayList<>());

        Counting(DockerEngine engine, Thread session) {
            this.engine = engine;
            this.session = session;
        }

        private void call(String what) {
            (Thread.currentThread() == session ? inRow : beside).add(what);
        }

        @Override
        public ContainerDetails inspectContainer(String idOrName) {
            call("inspectContainer " + idOrName);
            return engine.inspectContainer(idOrName);
        }

        @Override
        public ImageTarget inspectImage(String image) {
            call("inspectImage");
            return engine.inspectImage(image);
        }

        @Override
        public String createContainer(ContainerSpec spec) {
            call("createContainer");
            return engine.createContainer(spec);
        }

        @Override
        public void pullImage(String image, PullListener listener) {
            call("pullImage");
            engine.pullImage(image, listener);
        }

        @Override
        public RawConnection attachStdin(String containerId) {
            call("attachStdin");
            return engine.attachStdin(containerId);
        }

        @Override
        public void startContainer(String containerId) {
            call("startContainer");
            engine.startContainer(containerId);
        }

        @Override
        public String createExec(String containerId, ExecSpec spec) {
            call("createExec");
            return engine.createExec(containerId, spec);
        }

        @Override
        public RawConnection startExec(String execId, boolean tty) {
            call("startExec");
            return engine.startExec(execId, tty);
        }

        @Override
        public void resizeExec(String execId, int width, int height) {
            call("resizeExec");
            engine.resizeExec(execId, width, height);
        }

        @Override
        public ExecState inspectExec(String execId) {
            call("inspectExec");
            return engine.inspectExec(execId);
        }

        @Override
        public void removeContainer(String containerId) {
            call("removeContainer " + containerId);
            engine.removeContainer(containerId);
        }

        @Override
        public List<ContainerSummary> listContainers(ContainerFilter filter) {
            call("listContainers");
            return engine.listContainers(filter);
        }

        @Override
        public ContainerOrigin origin(String containerId) {
            call("origin " + containerId);
            return engine.origin(containerId);
        }

        @Override
        public String awaitEnd(List<String> containerIds) {
            call("awaitEnd");
            return engine.awaitEnd(containerIds);
        }

        @Override
        public ContainerEvents containerEvents() {
            call("containerEvents");
            return engine.containerEvents();
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
