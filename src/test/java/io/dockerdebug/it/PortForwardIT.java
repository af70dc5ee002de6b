package io.dockerdebug.it;

import io.dockerdebug.DockerDebug;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.PortForward;
import io.dockerdebug.SidecarOptions;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static io.dockerdebug.it.Engine.debug;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code port-forward} against a target with two unpublished servers: an echo server on port
 * 7000 (busybox nc -ll -e cat: it answers only after the client's half-close) and busybox httpd
 * bound to the target's 127.0.0.1:8080.
 */
class PortForwardIT {
    static String target;
    static Process forward;
    static int echoPort;
    static int httpPort;

    @BeforeAll
    static void start() throws Exception {
        Engine.require();
        target = Engine.docker("run", "-d", Engine.TARGET, "sh", "-c",
                "mkdir -p /www && echo served-on-loopback > /www/index.html && httpd -p 127.0.0.1:8080 -h /www"
                        + " && exec nc -ll -p 7000 -e cat");
        forward = new ProcessBuilder(debug("port-forward", "-i", TOOLBOX, target, "0:7000", "0:8080"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(forward.getInputStream(), StandardCharsets.UTF_8));
        Pattern line = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> (\\d+)");
        CompletableFuture<int[]> ports = CompletableFuture.supplyAsync(() -> {
            int[] p = new int[2];
            try {
                for (int i = 0; i < 2; i++) {
                    Matcher m = line.matcher(String.valueOf(out.readLine()));
                    assertTrue(m.matches(), "a Forwarding line");
                    p[i] = Integer.parseInt(m.group(1));
                }
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return p;
        });
        int[] p = ports.get(90, TimeUnit.SECONDS);
        echoPort = p[0];
        httpPort = p[1];
    }

    @AfterAll
    static void stop() throws Exception {
        if (forward != null) {
            forward.destroy();
            assertTrue(forward.waitFor(30, TimeUnit.SECONDS), "port-forward ended on SIGTERM");
        }
        if (target != null) {
            Engine.awaitNoSidecarOf(target, Duration.ofSeconds(20));
            Engine.run(Engine.cmd("docker", "rm", "-f", target), null, 60);
        }
    }

    /** Sends everything, half-closes, reads to the end: what the echo server sent back. */
    static byte[] roundTrip(int port, byte[] payload) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(120_000);
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    OutputStream o = s.getOutputStream();
                    o.write(payload);
                    o.flush();
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
            });
            InputStream in = s.getInputStream();
            byte[] back = in.readAllBytes();
            sent.get(120, TimeUnit.SECONDS);
            return back;
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void theLibraryForwardsAsTheCommandDoes() throws Exception {
        int before = Engine.sidecarsOf(target).size();
        try (DockerDebug debug = DockerDebug.builder().environment(System.getenv())
                .configFile("/nonexistent/config.toml").build();
             PortForward f = debug.forwardPorts(target, SidecarOptions.builder().image(TOOLBOX).build(),
                     List.of("127.0.0.1:0:7000"))) {
            assertEquals(List.of(7000), f.remotePorts());
            int port = f.localAddresses().getFirst().getPort();
            CompletableFuture<java.util.Optional<String>> served = CompletableFuture.supplyAsync(f::serve);
            assertEquals("through the library", new String(roundTrip(port, "through the library".getBytes(
                    StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
            f.close();
            assertEquals(java.util.Optional.empty(), served.get(60, TimeUnit.SECONDS), "closed, not ended");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Engine.sidecarsOf(target).size() > before && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(before, Engine.sidecarsOf(target).size(), "the library's relay sidecar is gone");
        try (DockerDebug debug = DockerDebug.connect()) {
            assertThrows(InvalidOptionsException.class,
                    () -> debug.forwardPorts(target, SidecarOptions.defaults(), List.of("80:x")));
            assertThrows(InvalidOptionsException.class, () -> debug.forwardPorts(target, SidecarOptions.defaults(), List.of()));
        }
        assertEquals(before, Engine.sidecarsOf(target).size(), "a bad mapping created a sidecar");
    }

    @Test
    void aLargePayloadComesBackExactlyAfterTheHalfClose() throws Exception {
        byte[] payload = new byte[8 * 1024 * 1024];
        new Random(14).nextBytes(payload);
        byte[] back = roundTrip(echoPort, payload);
        assertEquals(payload.length, back.length);
        assertEquals(sha256(payload), sha256(back));
    }

    @Test
    void fiftyClientsAtOnce() throws Exception {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] payload = new byte[64 * 1024 + i];
            new Random(i).nextBytes(payload);
            all.add(CompletableFuture.runAsync(() -> {
                try {
                    assertArrayEquals(payload, roundTrip(echoPort, payload));
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
    }

    @Test
    void aPortBoundToTheTargetsLoopbackIsReached() throws Exception {
        try (Socket s = new Socket("127.0.0.1", httpPort)) {
            s.setSoTimeout(60_000);
            s.getOutputStream().write("GET / HTTP/1.0\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.") && answer.contains("served-on-loopback"), answer);
        }
    }

    @Test
    void aKilledForwarderLeavesNothing() throws Exception {
        Process p = new ProcessBuilder(debug("port-forward", "-i", TOOLBOX, target, "0:7000"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // Killed once its sidecar runs (one killed between create and start leaves a created one
        // for the next session's sweep, as for any session).
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (running() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(2, running(), "a second relay sidecar started");
        p.destroyForcibly();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Engine.sidecarsOf(target).size() > 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, Engine.sidecarsOf(target).size(), "only the other forwarder's sidecar is left");
    }

    private static int running() {
        String out = Engine.docker("ps", "-q", "--filter", "label=io.docker-debug.target=" + target,
                "--filter", "status=running");
        return out.isEmpty() ? 0 : out.split("\\s+").length;
    }

    @Test
    void aBadMappingIsOneLineAndCreatesNothing() {
        Engine.Result r = Engine.run(debug("port-forward", "-i", TOOLBOX, target, "80:x"), null, 60);
        assertEquals(125, r.exitCode(), r.stderr());
        assertEquals(1, r.stderr().strip().lines().count(), r.stderr());
        assertTrue(r.stderr().contains("invalid port mapping"), r.stderr());
        if (Engine.sidecarsOf(target).size() != 1) {
            fail("a bad mapping created a sidecar: " + Engine.sidecarsOf(target));
        }
    }
}
