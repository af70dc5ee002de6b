package io.dockerdebug.debug;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.SidecarOptions;
import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.ContainerFilter;
import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.ShortId;
import io.dockerdebug.docker.PullListener;
import io.dockerdebug.docker.RawConnection;
import io.dockerdebug.threads.Threads;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The library API: {@link #open} prepares a session (sidecar running, command ready) whose
 * streams the caller pumps; {@link #run} does the whole interactive session for a CLI.
 */
public final class DebugService {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DebugService.class);
    private final DockerEngine engine;

    public DebugService(DockerEngine engine) {
        this.engine = engine;
    }

    /** Runs a whole session and returns the exit code; the sidecar is gone when this returns. */
    public int run(DebugRequest request, SessionIo io) {
        Phases.mark("run");
        SidecarPlanner.validate(request);
        Cleanup cleanup = new Cleanup();
        Thread hook = Threads.shutdownHook("cleanup", cleanup);
        Runtime.getRuntime().addShutdownHook(hook);
        Thread sweep = null;
        try {
            DebugSession session = open(request, io.pullListener(), io.notes(), cleanup);
            // Off the hot path: while the session runs, remove sidecars that dead clients left.
            sweep = Threads.daemon("sweep", () -> new SidecarPruner(engine).pruneQuietly());
            return new InteractiveExec(session, request, io, cleanup).run();
        } catch (IOException e) {
            throw new DockerDebugException("session failed: " + e.getMessage(), e);
        } finally {
            cleanup.run();
            Phases.mark("removed");
            awaitQuietly(sweep);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run: nothing to remove
            }
        }
    }

    /** Lets a background sweep finish its removals, up to a bound; it never fails the session. */
    private static void awaitQuietly(Thread sweep) {
        if (sweep == null) {
            return;
        }
        try {
            sweep.join(java.time.Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Prepares a session; the caller must close it (which removes the sidecar). */
    public DebugSession open(DebugRequest request, PullListener pull, Consumer<String> notes) {
        return open(request, pull, notes, new Cleanup());
    }

    private DebugSession open(DebugRequest request, PullListener pull, Consumer<String> notes, Cleanup cleanup) {
        SidecarPlanner.validate(request);
        Phases.mark("open");
        // With --keep, the kept sidecars are listed while the target is inspected (which one
        // fits needs the target: it is picked from the list afterwards).
        Concurrently<List<ContainerSummary>> kept = !request.sidecar().keep() ? null
                : Concurrently.start("kept-sidecars", () -> engine.listContainers(KeptSidecars.all()));
        ContainerDetails target = request.sidecar().imageTarget() ? inspectImage(request, pull) : inspectTarget(request.target());
        Phases.mark("inspected");
        SidecarPlan plan = SidecarPlanner.plan(request, target);
        if (SidecarPlanner.notRunning(target)) {
            notes.accept(SidecarPlanner.notRunningNote(target, request.sidecar().mountDir()));
        }
        plan = new SidecarPlan(plan.container().withName(SidecarName.of(target.name())), plan.exec(), plan.notes());
        // What the plan chose quietly (an IPC namespace not joined, the default): for --debug only.
        plan.notes().forEach(note -> LOG.debug("{}", note));
        if (request.sidecar().keep()) {
            return openKept(request, target, plan, kept.join(), pull, notes, cleanup);
        }
        ImageProvisioner images = provisioner(request, target, pull, notes);
        images.beforeCreate(request.sidecar().image());
        String sidecarId = images.create(withClientLabel(plan.container()));
        Failpoints.reached("created");
        Phases.mark("created");
        AtomicBoolean removed = new AtomicBoolean();
        Runnable remove = () -> {
            if (removed.compareAndSet(false, true)) {
                engine.removeContainer(sidecarId);
            }
        };
        cleanup.add(remove::run);
        try {
            // The dead-man's switch: the sidecar's main process reads this connection's stdin,
            // so if we die (even by SIGKILL) it gets EOF, exits, and the engine removes it.
            RawConnection keeper = engine.attachStdin(sidecarId);
            // Remove first, then let go of the keeper: closing it first would start the engine's
            // own AutoRemove, and our remove would return while that one is still under way.
            cleanup.add(() -> {
                remove.run();
                keeper.close();
            });
            Failpoints.reached("attached");
            Phases.mark("attached");
            engine.startContainer(sidecarId);
            Failpoints.reached("started");
            Phases.mark("started");
            String execId = engine.createExec(sidecarId, plan.exec());
            Failpoints.reached("exec-created");
            Phases.mark("exec-created");
            return new DebugSession(engine, target, sidecarId, execId, request.command().tty(), () -> {
                remove.run();
                keeper.close();
            }, watch(keeper, sidecarId, target.id(), cleanup));
        } catch (EngineException e) {
            cleanup.run();
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, startError(e, target));
        }
    }

    /**
     * With {@code --keep}: exec into a running sidecar kept earlier with the same image and
     * options, else create one that waits on its own and is not removed at the end.
     */
    private DebugSession openKept(DebugRequest request, ContainerDetails target, SidecarPlan plan,
                                  List<ContainerSummary> kept, PullListener pull, Consumer<String> notes,
                                  Cleanup cleanup) {
        ContainerFilter reusable = KeptSidecars.reuseFilter(plan.container());
        for (String id : kept.stream().filter(c -> reusable.matches(c.id(), c.labels()))
                .map(ContainerSummary::id).toList()) {
            if (!OwnSidecars.isOurs(engine, id)) {
                // Our labels, but not a sidecar we created: never exec into it.
                continue;
            }
            try {
                String execId = engine.createExec(id, plan.exec());
                Phases.mark("reused");
                return keptSession(target, id, execId, request, cleanup);
            } catch (EngineException e) {
                // Not running any more (its target restarted, or it is being removed): try the next.
            }
        }
        ImageProvisioner images = provisioner(request, target, pull, notes);
        images.beforeCreate(request.sidecar().image());
        String sidecarId = images.create(KeptSidecars.spec(plan.container()));
        Phases.mark("created");
        AtomicBoolean ready = new AtomicBoolean();
        // Until it runs and the command is ready, a failure or a signal removes it.
        cleanup.add(() -> {
            if (!ready.get()) {
                engine.removeContainer(sidecarId);
            }
        });
        try {
            engine.startContainer(sidecarId);
            Phases.mark("started");
            String execId = engine.createExec(sidecarId, plan.exec());
            Phases.mark("exec-created");
            ready.set(true);
            notes.accept("keeping sidecar " + ShortId.of(sidecarId) + " for the next --keep session"
                    + " (remove it with: docker-debug rm " + ShortId.of(sidecarId) + ")");
            return keptSession(target, sidecarId, execId, request, cleanup);
        } catch (EngineException e) {
            cleanup.run();
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, startError(e, target));
        }
    }

    private ImageProvisioner provisioner(DebugRequest request, ContainerDetails target, PullListener pull,
                                         Consumer<String> notes) {
        return new ImageProvisioner(engine, request.sidecar().pull(), pull, notes,
                // Like the plan's own notes: an IPC namespace not joined is said under --debug only.
                (spec, refusal) -> SidecarPlanner.fallback(spec, refusal, target, request.sidecar(),
                        note -> LOG.debug("{}", note)));
    }

    /** A session in a kept sidecar: nothing is removed at the end. */
    private DebugSession keptSession(ContainerDetails target, String sidecarId, String execId, DebugRequest request,
                                     Cleanup cleanup) {
        return new DebugSession(engine, target, sidecarId, execId, request.command().tty(), () -> { },
                watch(null, sidecarId, target.id(), cleanup));
    }


    /** Stamps who created the sidecar, so that a later run can tell when it was abandoned. */
    private static ContainerSpec withClientLabel(ContainerSpec c) {
        return c.withLabel(Labels.CLIENT, ClientId.current().label());
    }

    /**
     * Completes when the sidecar or the target has died or gone, or the engine connection ended.
     * The exec stream alone does not always end then: after {@code docker kill} of the target,
     * docker 20.10 keeps both our streams open though the sidecar is gone. One events stream,
     * no polling; the attach ending (sidecar exited) counts as well.
     */
    private CompletableFuture<Void> watch(RawConnection keeper, String sidecarId, String targetId, Cleanup cleanup) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        if (keeper != null) {
            // Ends when the keeper is closed, by us or by the sidecar's end.
            Threads.daemon("sidecar-watch", () -> {
                try {
                    keeper.input().transferTo(OutputStream.nullOutputStream());
                } catch (IOException | RuntimeException e) {
                    // a broken connection is an end as well
                }
                ended.complete(null);
            });
        }
        Thread events = Threads.daemon("engine-events", () -> {
            try {
                engine.awaitEnd(List.of(sidecarId, targetId));
                ended.complete(null);
            } catch (RuntimeException e) {
                // no events (an engine that cannot, a fake, or stopped by us): the attach watch remains
            }
        });
        // No thread may sit in a native read at exit: HotSpot waits up to 300 ms for it. The
        // events stream is an interruptible channel on a unix socket.
        cleanup.add(events::interrupt);
        return ended;
    }

    private ContainerDetails inspectTarget(String target) {
        try {
            return engine.inspectContainer(TargetName.check(target));
        } catch (EngineException e) {
            if (e.isNotFound()) {
                throw new io.dockerdebug.NoSuchContainerException(e.getMessage());
            }
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, e.getMessage());
        }
    }

    /**
     * An image as a target that never runs (status {@link SidecarPlanner#IMAGE}), pulled as the
     * pull policy says when missing; an image of another platform than the engine's is refused.
     */
    private ContainerDetails inspectImage(DebugRequest request, PullListener pull) {
        String image = request.target();
        if (image == null || image.isBlank()) {
            throw new InvalidOptionsException("invalid image target \"\": name an image");
        }
        DockerEngine.ImageTarget found;
        try {
            try {
                if (request.sidecar().pull() == SidecarOptions.PullPolicy.ALWAYS) {
                    pullImage(image, pull);
                }
                found = engine.inspectImage(image);
            } catch (DockerEngine.NoSuchImageException e) {
                if (request.sidecar().pull() == SidecarOptions.PullPolicy.NEVER) {
                    throw e;
                }
                pullImage(image, pull);
                found = engine.inspectImage(image);
            }
        } catch (EngineException e) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, e.getMessage());
        }
        if (!found.platform().equals(found.enginePlatform())) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "image " + image + " is for " + found.platform()
                    + ", and the engine runs " + found.enginePlatform() + ": its programs cannot run here");
        }
        return new ContainerDetails(found.id(), image, SidecarPlanner.IMAGE, false, false, false, 0, "", "", null,
                List.of(), Map.of(), false, found.layers());
    }

    private void pullImage(String image, PullListener pull) {
        try {
            engine.pullImage(image, pull);
        } catch (EngineException e) {
            throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "cannot pull image " + image + ": " + e.getMessage());
        }
    }

    /**
     * Why the sidecar did not start. A target that stopped meanwhile is the usual cause, and the
     * engine's words for it name the sidecar (Podman: "some dependencies of container SIDECAR are
     * not started", "cannot get namespace path unless container TARGET is running"); Podman never
     * reports a restarting target as such, it flips between stopped and running.
     */
    private String startError(EngineException e, ContainerDetails target) {
        if (!SidecarPlanner.notRunning(target)) {
            String name = target.name() != null ? target.name() : ShortId.of(target.id());
            try {
                ContainerDetails now = engine.inspectContainer(target.id());
                if (!now.running()) {
                    return "container " + name + " stopped while the sidecar was starting (status: " + now.status()
                            + (now.restarting() ? ", restarting" : "") + ")";
                }
            } catch (EngineException gone) {
                return "container " + name + " went away while the sidecar was starting";
            }
        }
        return "cannot start the debug sidecar: " + e.getMessage();
    }
}
