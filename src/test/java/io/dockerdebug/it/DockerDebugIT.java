package io.dockerdebug.it;

import io.dockerdebug.CommandOptions;
import io.dockerdebug.ContainerEvent;
import io.dockerdebug.ContainerInfo;
import io.dockerdebug.DockerDebug;
import io.dockerdebug.DockerDebugException;
import io.dockerdebug.EventSubscription;
import io.dockerdebug.ExecResult;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.Session;
import io.dockerdebug.SidecarInfo;
import io.dockerdebug.SidecarOptions;
import io.dockerdebug.SidecarRemoval;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.DockerClientFactory;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public API ({@link DockerDebug}) on the real engine: exec, sessions, listings, events, sidecars. */
class DockerDebugIT {
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET);
    static final SidecarOptions TOOLBOX = SidecarOptions.builder().image(Engine.TOOLBOX)
            .pull(SidecarOptions.PullPolicy.NEVER).build();

    private static DockerDebug connect() {
        return DockerDebug.builder().configFile("/nonexistent/docker-debug-it.toml").build();
    }

    @Test
    void execReturnsTheBytesAndTheExitCode() {
        try (DockerDebug debug = connect()) {
            ExecResult r = debug.exec(target.id(), TOOLBOX, CommandOptions.shell("printf '\\000\\377x'; printf err >&2; exit 3"));
            assertEquals(3, r.exitCode());
            assertArrayEquals(new byte[] {0, (byte) 0xff, 'x'}, r.stdout());
            assertEquals("err", r.stderrText());
            assertFalse(r.truncated());
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void execBoundsTheOutputAndReportsAMissingCommandAs127() {
        try (DockerDebug debug = DockerDebug.builder().configFile("/nonexistent/x.toml").maxOutputBytes(10).build()) {
            ExecResult r = debug.exec(target.id(), TOOLBOX, CommandOptions.shell("seq 1 1000"));
            assertEquals(0, r.exitCode());
            assertEquals("1\n2\n3\n4\n5\n", r.stdoutText());
            assertTrue(r.truncated());
            assertEquals(127, debug.exec(target.id(), TOOLBOX, CommandOptions.of("no-such-command-here")).exitCode());
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void testcontainersTransportConnectsToo() {
        var transport = DockerClientFactory.instance().getTransportConfig();
        try (DockerDebug debug = DockerDebug.builder().configFile("/nonexistent/x.toml")
                .dockerTransport(transport.getDockerHost(), transport.getSslConfig()).build()) {
            assertEquals("hello from the target\n",
                    debug.exec(target.id(), TOOLBOX, CommandOptions.of("cat", "/mnt/container/etc/target-marker")).stdoutText());
        }
    }

    @Test
    void aSessionTakesInputUntilItIsHalfClosedAndRemovesItsSidecar() throws Exception {
        try (DockerDebug debug = connect()) {
            Session s = debug.open(target.id(), TOOLBOX, CommandOptions.of("sh", "-c", "tr a-z A-Z; echo done >&2"));
            assertEquals(1, Engine.sidecarsOf(target.id()).stream().filter(s.sidecarId()::startsWith).count());
            assertEquals(target.id(), s.targetId());
            s.stdin().write("hello\n".getBytes(StandardCharsets.UTF_8));
            s.stdin().close();
            assertEquals("HELLO\n", new String(s.stdout().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("done\n", new String(s.stderr().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(0, s.exitCode().get(60, TimeUnit.SECONDS));
            s.close();
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void severalTtySessionsAtOnceEachWithItsOwnSize() throws Exception {
        try (DockerDebug debug = connect()) {
            List<Session> sessions = new ArrayList<>();
            List<ByteArrayOutputStream> outs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                outs.add(out);
                sessions.add(debug.open(target.id(), TOOLBOX, CommandOptions.builder().command("sh").tty(true).build(),
                        out, OutputStream.nullOutputStream()));
            }
            for (int i = 0; i < 3; i++) {
                Session s = sessions.get(i);
                s.resize(70 + i, 20 + i);
                s.stdin().write(("stty size; exit " + (10 + i) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 3; i++) {
                assertEquals(10 + i, sessions.get(i).exitCode().get(60, TimeUnit.SECONDS));
                String out;
                synchronized (outs.get(i)) {
                    out = outs.get(i).toString(StandardCharsets.UTF_8);
                }
                assertTrue(out.contains((20 + i) + " " + (70 + i)), out);
            }
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void closingARunningSessionEndsItAndRemovesTheSidecar() throws Exception {
        try (DockerDebug debug = connect()) {
            Session s = debug.open(target.id(), TOOLBOX, CommandOptions.of("sleep", "600"));
            s.close();
            ExecutionException e = assertThrows(ExecutionException.class, () -> s.exitCode().get(30, TimeUnit.SECONDS));
            assertInstanceOf(DockerDebugException.class, e.getCause());
            Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
        }
    }

    @Test
    void listsContainersFollowsEventsAndManagesKeptSidecars() throws Exception {
        try (DockerDebug debug = connect()) {
            ContainerInfo me = debug.containers().stream().filter(c -> c.id().equals(target.id())).findFirst().orElseThrow();
            assertTrue(me.running());
            assertEquals(Engine.TARGET, me.image());
            assertNotNull(me.name());
            LinkedBlockingQueue<ContainerEvent> events = new LinkedBlockingQueue<>();
            SidecarOptions kept = TOOLBOX.toBuilder().keep(true).build();
            try (EventSubscription sub = debug.events(events::add, () -> { })) {
                assertEquals(0, debug.exec(target.id(), kept, CommandOptions.of("true")).exitCode());
                List<SidecarInfo> mine = debug.sidecars().stream().filter(s -> s.targetId().equals(target.id())).toList();
                assertEquals(1, mine.size(), mine.toString());
                assertTrue(mine.getFirst().kept());
                String sidecar = mine.getFirst().id();
                ContainerEvent started = null;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (started == null && System.nanoTime() < deadline) {
                    ContainerEvent e = events.poll(1, TimeUnit.SECONDS);
                    if (e != null && e.containerId().equals(sidecar) && e.action().equals("start")) {
                        started = e;
                    }
                }
                assertNotNull(started, "the kept sidecar's start arrives as an event");
                SidecarRemoval r = debug.removeSidecars(List.of(sidecar.substring(0, 12), "not-a-sidecar"), false, null);
                assertEquals(List.of(sidecar), r.removed());
                assertEquals(1, r.errors().size(), r.errors().toString());
            }
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void badOptionsAndAMissingTargetAreDockerLikeFailures() {
        try (DockerDebug debug = connect()) {
            InvalidOptionsException bad = assertThrows(InvalidOptionsException.class,
                    () -> debug.exec(target.id(), TOOLBOX.toBuilder().mountDir("relative").build(), CommandOptions.of("true")));
            assertEquals(125, bad.exitCode());
            DockerDebugException missing = assertThrows(io.dockerdebug.NoSuchContainerException.class,
                    () -> debug.exec("docker-debug-it-no-such-container", TOOLBOX, CommandOptions.of("true")));
            assertEquals(125, missing.exitCode());
            assertTrue(missing.getMessage().contains("No such container"), missing.getMessage());
        }
    }
}
