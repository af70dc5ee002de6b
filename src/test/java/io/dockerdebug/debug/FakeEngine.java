package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.ContainerEvents;
import io.dockerdebug.docker.ContainerFilter;
import io.dockerdebug.docker.ContainerOrigin;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An engine in memory: records calls, can be told to fail at one step. */
final class FakeEngine implements DockerEngine {
    /** Synchronized: background threads of a session (sweep, checks) call too. */
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final Set<String> images = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final Set<String> containers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    ContainerDetails target = Targets.running();
    String failAt;
    /** What the target has become when the step fails (it stopped meanwhile), or null for no change. */
    ContainerDetails targetWhenFailing;
    byte[] execOutput = new byte[0];
    int exitCode;
    ByteArrayOutputStream execInput = new ByteArrayOutputStream();
    /** The exec's output comes only once its input has ended (closeWrite), as from cat. */
    boolean execReadsAllInput;
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
        add("sidecar", spec, "created", 0);
        return "sidecar";
    }

    /** A container as this tool creates it from {@code spec} (its image has no labels). */
    void add(String id, ContainerSpec spec, String state, long created) {
        add(new ContainerSummary(id, state, created, spec.labels()), new ContainerOrigin(id, spec.labels(), Map.of(),
                spec.entrypoint(), List.of(), spec.openStdin(), spec.autoRemove(), spec.pidMode()));
    }

    /** Any container: what listing shows of it, and what it was made of. */
    void add(ContainerSummary summary, ContainerOrigin origin) {
        summaries.removeIf(c -> c.id().equals(summary.id()));
        summaries.add(summary);
        origins.put(summary.id(), origin);
        containers.add(summary.id());
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
        if (!execReadsAllInput) {
            return connection(execOutput, execInput, () -> { });
        }
        // Like a command that reads its stdin to the end before it writes (cat): output after closeWrite.
        java.util.concurrent.CountDownLatch inputEnded = new java.util.concurrent.CountDownLatch(1);
        InputStream out = new ByteArrayInputStream(execOutput);
        InputStream in = new InputStream() {
            @Override
            public int read() throws java.io.IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                try {
                    inputEnded.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                return out.read(b, off, len);
            }
        };
        return new RawConnection() {
            public InputStream input() { return in; }
            public OutputStream output() { return execInput; }
            public void closeWrite() { inputEnded.countDown(); }
            public void close() { inputEnded.countDown(); }
        };
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
        summaries.removeIf(c -> c.id().equals(containerId));
    }

    // The session's background sweep lists containers while a test adds them, as an engine would allow.
    final List<ContainerSummary> summaries = new java.util.concurrent.CopyOnWriteArrayList<>();
    final Map<String, ContainerOrigin> origins = new java.util.concurrent.ConcurrentHashMap<>();

    /** Like the engine: every label filter must match ("key" alone: any value); ids, when given, too. */
    @Override
    public List<ContainerSummary> listContainers(ContainerFilter filter) {
        calls.add("list " + new java.util.TreeMap<>(filter.labels()).keySet());
        return summaries.stream()
                .filter(c -> containers.contains(c.id()))
                .filter(c -> filter.matches(c.id(), c.labels()))
                .toList();
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
    public ContainerOrigin origin(String containerId) {
        ContainerOrigin o = origins.get(containerId);
        if (o == null || !containers.contains(containerId)) {
            throw new EngineException(404, "No such container: " + containerId);
        }
        return o;
    }

    @Override
    public void close() {
    }

    private void maybeFail(String step) {
        if (step.equals(failAt)) {
            if (targetWhenFailing != null) {
                target = targetWhenFailing;
            }
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
