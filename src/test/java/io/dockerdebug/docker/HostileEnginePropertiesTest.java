package io.dockerdebug.docker;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hostile fake engine's random answers (status lines, headers, chunk sizes, truncations, slow
 * drips, endless floods) against a plain call, a hijacked stream and the events stream. Every try
 * ends (the guard only stops a hang from stalling the build), an endless flood far larger than
 * the caps ends in a refusal rather than in memory, and what fails fails with one line of our
 * own {@link EngineException}: nothing else leaks. Fixed seed, bounded tries: the generator is a
 * seeded {@link Random} (a try is reproduced by its number), no property-testing library.
 */
class HostileEnginePropertiesTest {
    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** How much of an endless stream (a hijack's output, events) a try reads before it closes it itself. */
    private static final long STREAM_READ = 32L * 1024 * 1024;
    /** When the consumer of a silent stream closes it. */
    private static final Duration STREAM_DEADLINE = Duration.ofMillis(1500);
    private static final long SEED = 20261208L;
    private static final int TRIES = 200;

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

    /** Random scripts of a hostile engine, from a seeded source: the same tries on every run. */
    private static final class Scripts {
        private final Random random;

        Scripts(Random random) {
            this.random = random;
        }

        @SafeVarargs
        private <T> T oneOf(Supplier<T>... choices) {
            return choices[random.nextInt(choices.length)].get();
        }

        @SafeVarargs
        private <T> T of(T... values) {
            return values[random.nextInt(values.length)];
        }

        private String ascii(int maxLength) {
            return text(maxLength, () -> (char) (32 + random.nextInt(95)));
        }

        /** Any character but a surrogate, controls and NUL included. */
        private String anyText(int maxLength) {
            return text(maxLength, () -> (char) random.nextInt(0xD800));
        }

        private String text(int maxLength, Supplier<Character> c) {
            StringBuilder b = new StringBuilder();
            for (int i = random.nextInt(maxLength + 1); i > 0; i--) {
                b.append(c.get());
            }
            return b.toString();
        }

        private <T> List<T> list(int maxSize, Supplier<T> element) {
            List<T> l = new ArrayList<>();
            for (int i = random.nextInt(maxSize + 1); i > 0; i--) {
                l.add(element.get());
            }
            return l;
        }

        private String status() {
            return oneOf(() -> of("HTTP/1.1 200 OK", "HTTP/1.1 101 UPGRADED", "HTTP/1.1 500 Oops", "HTTP/1.0 200 OK",
                            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK", "HTTP/1.1 abc OK", "HTTP/1.1 -1 X", ""),
                    () -> "HTTP/1.1 " + ascii(30),
                    () -> anyText(30));
        }

        private String header() {
            return oneOf(() -> of("Transfer-Encoding: chunked", "Connection: close", "Content-Type: application/json",
                            "Api-Version: 1.41", "no colon", ": empty name", "Content-Length: -5",
                            "Content-Length: 99999999999999999999", "Content-Length: 17000000"),
                    () -> "Content-Length: " + random.nextInt(301),
                    () -> ascii(40));
        }

        private String chunk() {
            return oneOf(() -> of("-5\r\n", "0\r\n\r\n", "ffffffffffffffffff\r\n", "7fffffff\r\n", "zz\r\n", "5\r\n{}\r\n"),
                    () -> {
                        int n = random.nextInt(41);
                        return Integer.toHexString(n) + "\r\n" + "[".repeat(n) + "\r\n";
                    });
        }

        private String body() {
            return oneOf(() -> of("[]", "{}", "{\"Type\":\"container\",\"Action\":\"start\",\"Actor\":{\"ID\":\"x\"}}\n",
                            "{\"message\":\"no\"}", "\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0003hi\n", ""),
                    () -> String.join("", list(4, this::chunk)),
                    () -> anyText(200));
        }

        Script next() {
            return new Script(of(Target.values()), status(), list(6, this::header), body(), of(Tail.values()),
                    random.nextInt(121));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyTryEndsWithAnAnswerOrOneLineOfOurs() {
        Scripts scripts = new Scripts(new Random(SEED));
        return IntStream.range(0, TRIES).mapToObj(i -> {
            Script script = scripts.next();
            return DynamicTest.dynamicTest("try " + i + ": " + script.target() + ", " + script.tail(),
                    () -> tryOne(script));
        });
    }

    private static void tryOne(Script script) throws IOException {
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
    @ParameterizedTest
    @ValueSource(strings = {"HTTP/1.1 200 OK\r\n\r\n", "HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n",
            "HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n"})
    void anEndlessBodyIsRefusedAtTheCap(String head) throws IOException {
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
}
