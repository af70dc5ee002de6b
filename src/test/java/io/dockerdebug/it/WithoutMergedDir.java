package io.dockerdebug.it;

import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.ContainerEvents;
import io.dockerdebug.docker.ContainerFilter;
import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.ExecSpec;
import io.dockerdebug.docker.ExecState;
import io.dockerdebug.docker.PullListener;
import io.dockerdebug.docker.RawConnection;

import java.util.List;

/**
 * The real engine, but inspect answers as the containerd image store, vfs, zfs or btrfs do:
 * no GraphDriver MergedDir. Lets the overlay2 test engine exercise the /proc/PID/root path.
 */
final class WithoutMergedDir implements DockerEngine {
    private final DockerEngine real;

    WithoutMergedDir(DockerEngine real) {
        this.real = real;
    }

    @Override
    public ContainerDetails inspectContainer(String idOrName) {
        ContainerDetails d = real.inspectContainer(idOrName);
        return new ContainerDetails(d.id(), d.name(), d.status(), d.running(), d.paused(), d.restarting(), d.pid(),
                d.pidMode(), d.ipcMode(), null, d.mounts(), d.labels());
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        return real.createContainer(spec);
    }

    @Override
    public void pullImage(String image, PullListener listener) {
        real.pullImage(image, listener);
    }

    @Override
    public RawConnection attachStdin(String containerId) {
        return real.attachStdin(containerId);
    }

    @Override
    public void startContainer(String containerId) {
        real.startContainer(containerId);
    }

    @Override
    public String createExec(String containerId, ExecSpec spec) {
        return real.createExec(containerId, spec);
    }

    @Override
    public RawConnection startExec(String execId, boolean tty) {
        return real.startExec(execId, tty);
    }

    @Override
    public void resizeExec(String execId, int width, int height) {
        real.resizeExec(execId, width, height);
    }

    @Override
    public ExecState inspectExec(String execId) {
        return real.inspectExec(execId);
    }

    @Override
    public void removeContainer(String containerId) {
        real.removeContainer(containerId);
    }

    @Override
    public List<ContainerSummary> listContainers(ContainerFilter filter) {
        return real.listContainers(filter);
    }

    @Override
    public io.dockerdebug.docker.ContainerOrigin origin(String containerId) {
        return real.origin(containerId);
    }

    @Override
    public String awaitEnd(List<String> containerIds) {
        return real.awaitEnd(containerIds);
    }

    @Override
    public ContainerEvents containerEvents() {
        return real.containerEvents();
    }

    @Override
    public void close() {
        real.close();
    }
}
