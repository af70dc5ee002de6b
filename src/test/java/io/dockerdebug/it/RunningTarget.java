package io.dockerdebug.it;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.containers.GenericContainer;

import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A running target for integration tests, from a local test image through Testcontainers (never
 * pulling), as a JUnit extension. In a static {@code @RegisterExtension} field it is one target
 * for the class: started before the class's {@code @BeforeAll} methods, stopped after its
 * {@code @AfterAll} methods. In an instance field it is a fresh target for each test: started
 * before the test's {@code @BeforeEach} methods, stopped after its {@code @AfterEach} methods (so
 * those can still clean up around it). A target that one test alone needs is {@link #startNow()} in
 * try-with-resources. It is stopped whatever the tests did, and only if it started.
 */
final class RunningTarget implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        AutoCloseable {
    private final String image;
    private UnaryOperator<GenericContainer<?>> tweaks = UnaryOperator.identity();
    private Consumer<RunningTarget> afterStop = target -> {
    };
    private GenericContainer<?> container;
    /** Whether this target is the class's (started in beforeAll) rather than the test's. */
    private boolean perClass;
    private String id;
    private String name;

    RunningTarget(String image) {
        this.image = image;
    }

    /** Docker-run style tweaks of the container before it starts (binds, environment, command). */
    RunningTarget with(UnaryOperator<GenericContainer<?>> tweak) {
        UnaryOperator<GenericContainer<?>> before = tweaks;
        tweaks = c -> tweak.apply(before.apply(c));
        return this;
    }

    /** The target's IPC mode ({@code private}, {@code shareable}), as {@code docker run --ipc} sets it. */
    RunningTarget withIpc(String mode) {
        return with(c -> c.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withIpcMode(mode)));
    }

    /** What goes once the target has stopped (its volume, a check that no sidecar is left). */
    RunningTarget afterStop(Consumer<RunningTarget> cleanup) {
        this.afterStop = cleanup;
        return this;
    }

    /**
     * Starts the target at once, for the try-with-resources of the one test that needs it; a
     * target that fails to start is stopped before the failure goes on (no resource to close yet).
     */
    RunningTarget startNow() {
        try {
            start();
        } catch (RuntimeException | Error e) {
            try {
                stop();
            } catch (RuntimeException | Error also) {
                e.addSuppressed(also);
            }
            throw e;
        }
        return this;
    }

    /** Stops a target of {@link #startNow()}. */
    @Override
    public void close() {
        stop();
    }

    /** The target's full id. */
    String id() {
        requireStarted();
        return id;
    }

    /** The target's name, without the engine's leading slash. */
    String name() {
        requireStarted();
        return name;
    }

    /** The Testcontainers container, for what id and name do not cover. */
    GenericContainer<?> container() {
        requireStarted();
        return container;
    }

    /** Whether the target started (cleanup in {@code @AfterAll}/{@code @AfterEach} runs either way). */
    boolean started() {
        return id != null;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() {
        id = null;
        name = null;
        container = tweaks.apply(Engine.target(image));
        container.start();
        id = container.getContainerId();
        name = container.getContainerInfo().getName().replaceFirst("^/", "");
    }

    private void stop() {
        GenericContainer<?> c = container;
        if (c == null) {
            return;
        }
        c.stop();
        if (id != null) {
            afterStop.accept(this);
        }
    }

    private void requireStarted() {
        if (id == null) {
            throw new IllegalStateException("the target from " + image + " has not started");
        }
    }
}
