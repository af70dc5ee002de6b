package io.dockerdebug.docker;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile fake engine's random answers (status lines, headers, chunk sizes, truncations, slow
 * drips, endless floods) against a plain call, a hijacked stream and the events stream. Every try
 * ends (the guard only stops a hang from stalling the build), an endless flood far larger than
 * the caps ends in a refusal rather than in memory, and what fails fails with one line of our
 * own {@link EngineException}: nothing else leaks. Fixed seed, bounded tries.
 */
class HostileEnginePropertiesTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** How much of an endless stream (a hijack's output, events) a try reads before it closes it itself. */
    private static final long STREAM_READ = 32L * 1024 * 1024;
    /** When the consumer of a silent stream closes it. */
    private static final Duration STREAM_DEADLINE = Duration.ofMillis(1500);

    enum Target { CALL, HIJACK, EVENTS }

    enum Tail { NONE, FLOOD, DRIP, TRUNCATED }

    record Script(Target target, String status, List<String> headers, String body, Tail tail, int cut) {
        byte[] answer() {
            StringBuilder b = new StringBuilder(status).append("\r\n");
            headers.forEach(h -> b.append(h).append("\r\n"));
            b.append("\r\n").append(body);
            return b.toString().getBytes(StandardCharsets.ISO_8859_1);
        }

        HostileEngine.Answer play() {
            byte[] all = answer();
            return out -> {
                switch (tail) {
                    case NONE -> out.write(all);
                    case TRUNCATED -> {
                        out.write(all, 0, Math.min(all.length, cut));
                        out.flush();
                        throw new IOException("hang up"); // the engine closes the connection
                    }
                    case DRIP -> {
                        for (int i = 0; i < all.length; i += 7) {
                            out.write(all, i, Math.min(7, all.length - i));
                            out.flush();
                            Thread.sleep(15);
                        }
                    }
                    case FLOOD -> {
                        out.write(all);
                        byte[] more = body.isEmpty() ? "x".repeat(8192).getBytes(StandardCharsets.ISO_8859_1)
                                : body.repeat(Math.max(1, 8192 / body.length())).getBytes(StandardCharsets.ISO_8859_1);
                        while (true) {
                            out.write(more);
                        }
                    }
                }
            };
        }
    }

    @Provide
    Arbitrary<Script> scripts() {
        Arbitrary<String> status = Arbitraries.oneOf(
                Arbitraries.of("HTTP/1.1 200 OK", "HTTP/1.1 101 UPGRADED", "HTTP/1.1 500 Oops", "HTTP/1.0 200 OK",
                        "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK", "HTTP/1.1 abc OK", "HTTP/1.1 -1 X", ""),
                Arbitraries.strings().ascii().ofMaxLength(30).map(s -> "HTTP/1.1 " + s),
                Arbitraries.strings().all().ofMaxLength(30));
        Arbitrary<String> header = Arbitraries.oneOf(
                Arbitraries.of("Transfer-Encoding: chunked", "Connection: close", "Content-Type: application/json",
                        "Api-Version: 1.41", "no colon", ": empty name", "Content-Length: -5",
                        "Content-Length: 99999999999999999999", "Content-Length: 17000000"),
                Arbitraries.integers().between(0, 300).map(n -> "Content-Length: " + n),
                Arbitraries.strings().ascii().ofMaxLength(40));
        Arbitrary<String> chunk = Arbitraries.oneOf(
                Arbitraries.of("-5\r\n", "0\r\n\r\n", "ffffffffffffffffff\r\n", "7fffffff\r\n", "zz\r\n", "5\r\n{}\r\n"),
                Arbitraries.integers().between(0, 40).map(n -> Integer.toHexString(n) + "\r\n" + "[".repeat(n) + "\r\n"));
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.of("[]", "{}", "{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{\"ID\":\"x\"}}\n",
                        "{\"message\":\"no\"}", "\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0003hi\n", ""),
                chunk.list().ofMaxSize(4).map(l -> String.join("", l)),
                Arbitraries.strings().all().ofMaxLength(200));
        return Combinators.combine(Arbitraries.of(Target.class), status, header.list().ofMaxSize(6), body,
                        Arbitraries.of(Tail.class), Arbitraries.integers().between(0, 120))
                .as(Script::new);
    }

    @Property(tries = 200, seed = "20261208", shrinking = ShrinkingMode.OFF)
    void everyTryEndsWithAnAnswerOrOneLineOfOurs(@ForAll("scripts") Script script) throws IOException {
        try (HostileEngine engine = new HostileEngine(script.play())) {
            assertTimeoutPreemptively(GUARD, () -> {
                try (HttpDockerEngine client = engine.client(TIMEOUT)) {
                    run(script.target(), client);
                } catch (EngineException e) {
                    String m = e.getMessage();
                    assertTrue(m != null && !m.isBlank(), script.toString());
                    assertEquals(1, m.lines().count(), m);
                    assertFalse(m.contains("Exception") || m.contains("java."), m);
                }
            }, script::toString);
        }
    }

    private static void run(Target target, HttpDockerEngine client) throws Exception {
        switch (target) {
            case CALL -> client.listContainers(ContainerFilter.labels(Map.of("a", "b")));
            case HIJACK -> {
                try (RawConnection stream = client.startExec("x", false);
                     ConsumerDeadline ignored = new ConsumerDeadline(stream::close)) {
                    drain(stream.input());
                } catch (IOException broken) {
                    // a hijacked stream that breaks (or that its consumer closed) is the process's output ending
                }
            }
            case EVENTS -> {
                try (ContainerEvents events = client.containerEvents();
                     ConsumerDeadline ignored = new ConsumerDeadline(events::close)) {
                    for (int i = 0; i < 10_000 && events.next() != null; i++) {
                        // an endless flood of events is legitimate: the consumer closes it
                    }
                }
            }
        }
    }

    /**
     * A stream's silence is legitimate (no deadline in the engine layer): its consumer ends it, as
     * a session does when its process ends. Here after {@link #STREAM_DEADLINE}, or never when the
     * stream ended first.
     */
    private static final class ConsumerDeadline implements AutoCloseable {
        private final java.util.concurrent.CountDownLatch over = new java.util.concurrent.CountDownLatch(1);

        ConsumerDeadline(Runnable close) {
            Thread.ofVirtual().start(() -> {
                try {
                    if (!over.await(STREAM_DEADLINE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        close.run();
                    }
                } catch (InterruptedException e) {
                    close.run();
                }
            });
        }

        @Override
        public void close() {
            over.countDown();
        }
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long read = 0;
        for (int n = in.read(buf); n >= 0 && read < STREAM_READ; n = in.read(buf)) {
            read += n;
        }
    }

    /** The caps hold against a flood far larger than them: a call on an endless body is refused, not buffered. */
    @Property(tries = 5, seed = "20261208")
    void anEndlessBodyIsRefusedAtTheCap(@ForAll("floods") String head) throws IOException {
        HostileEngine.Answer flood = HostileEngine.endless(head, "[1,");
        try (HostileEngine engine = new HostileEngine(flood)) {
            assertTimeoutPreemptively(GUARD, () -> {
                try (HttpDockerEngine client = engine.client(Duration.ofMinutes(1))) {
                    EngineException e = org.junit.jupiter.api.Assertions.assertThrows(EngineException.class,
                            () -> client.inspectContainer("c"));
                    assertTrue(e.getMessage().contains("16 MiB"), e.getMessage());
                }
            });
        }
    }

    @Provide
    Arbitrary<String> floods() {
        return Arbitraries.of("HTTP/1.1 200 OK\r\n\r\n", "HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n",
                "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n");
    }
}
