package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.ContainerEvents;
import io.dockerdebug.docker.ContainerFilter;
import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.ExecSpec;
import io.dockerdebug.docker.ExecState;
import io.dockerdebug.docker.PullListener;
import io.dockerdebug.docker.RawConnection;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An engine in memory: records calls, can be told to fail at one step. */
final class FakeEngine implements DockerEngine {
    final List<String> calls = new ArrayList<>();
    final Set<String> images = new HashSet<>();
    final Set<String> containers = new HashSet<>();
    ContainerDetails target = Targets.running();
    String failAt;
    byte[] execOutput = new byte[0];
    int exitCode;
    ByteArrayOutputStream execInput = new ByteArrayOutputStream();
    boolean keeperClosed;

    @Override
    public ContainerDetails inspectContainer(String idOrName) {
        calls.add("inspect " + idOrName);
        if (target == null) {
            throw new EngineException(404, "No such container: " + idOrName);
        }
        return target;
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        calls.add("create " + spec.image());
        if (!images.contains(spec.image())) {
            throw new NoSuchImageException("No such image: " + spec.image());
        }
        addContainer("sidecar", spec.labels());
        return "sidecar";
    }

    @Override
    public void pullImage(String image, PullListener listener) {
        calls.add("pull " + image);
        maybeFail("pull");
        listener.onProgress("l1", "Pull complete", null);
        images.add(image);
    }

    @Override
    public RawConnection attachStdin(String containerId) {
        calls.add("attach");
        maybeFail("attach");
        // Like the engine's attach: no output, and no end until the sidecar stops (here: close).
        java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);
        InputStream in = new InputStream() {
            @Override
            public int read() {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        return new RawConnection() {
            public InputStream input() { return in; }
            public OutputStream output() { return new ByteArrayOutputStream(); }
            public void closeWrite() { }
            public void close() {
                keeperClosed = true;
                closed.countDown();
            }
        };
    }

    @Override
    public void startContainer(String containerId) {
        calls.add("start");
        maybeFail("start");
    }

    @Override
    public String createExec(String containerId, ExecSpec spec) {
        calls.add("exec-create " + String.join(" ", spec.cmd()));
        maybeFail("exec-create");
        return "exec1";
    }

    @Override
    public RawConnection startExec(String execId, boolean tty) {
        calls.add("exec-start");
        return connection(execOutput, execInput, () -> { });
    }

    @Override
    public void resizeExec(String execId, int width, int height) {
        calls.add("resize " + width + "x" + height);
    }

    @Override
    public ExecState inspectExec(String execId) {
        return new ExecState(false, exitCode);
    }

    @Override
    public void removeContainer(String containerId) {
        calls.add("remove " + containerId);
        containers.remove(containerId);
    }

    /** The labels each container was created with (or added with), for filtering as the engine does. */
    final Map<String, Map<String, String>> labelsOf = new java.util.HashMap<>();

    /** A container the engine already has. */
    void addContainer(String id, Map<String, String> labels) {
        containers.add(id);
        labelsOf.put(id, labels);
    }

    final List<ContainerSummary> summaries = new ArrayList<>();

    @Override
    public List<ContainerSummary> listContainers(ContainerFilter filter) {
        calls.add("list " + new java.util.TreeMap<>(filter.labels()).keySet());
        List<ContainerSummary> all = new ArrayList<>(summaries);
        for (String id : containers) {
            if (summaries.stream().noneMatch(c -> c.id().equals(id))) {
                all.add(new ContainerSummary(id, "running", 0, labelsOf.getOrDefault(id, Map.of())));
            }
        }
        return all.stream().filter(c -> filter.matches(c.id(), c.labels())).toList();
    }

    @Override
    public String awaitEnd(List<String> containerIds) {
        throw new EngineException(0, "no events in memory");
    }

    @Override
    public ContainerEvents containerEvents() {
        throw new EngineException(0, "no events in memory");
    }

    @Override
    public void close() {
    }

    private void maybeFail(String step) {
        if (step.equals(failAt)) {
            throw new EngineException(500, step + " failed");
        }
    }

    private static RawConnection connection(byte[] output, OutputStream input, Runnable onClose) {
        InputStream in = new ByteArrayInputStream(output);
        return new RawConnection() {
            public InputStream input() { return in; }
            public OutputStream output() { return input; }
            public void closeWrite() { }
            public void close() { onClose.run(); }
        };
    }
}
