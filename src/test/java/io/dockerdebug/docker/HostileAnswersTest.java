package io.dockerdebug.docker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An engine that answers what no engine answers (a status that is no number, a negative chunk
 * size) or answers without end gets one line of ours, an {@link EngineException}, and its
 * connection is dropped. (The bound on each test only stops a hang from stalling the build; what
 * is asserted is the error.)
 */
class HostileAnswersTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(120);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]";

    private static EngineException refused(HostileEngine engine) {
        return assertTimeoutPreemptively(HANG_GUARD, () -> {
            try (HttpDockerEngine client = engine.client(TIMEOUT)) {
                return assertThrows(EngineException.class, () -> client.listContainers(ContainerFilter.labels(Map.of("a", "b"))));
            }
        });
    }

    private static void oneLine(EngineException e, String words) {
        assertTrue(e.getMessage().contains(words), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().contains("/containers/json"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HTTP/1.1 abc OK\\r\\nContent-Length: 2\\r\\n\\r\\n[]                         | status is not a number",
            "HTTP/1.1 20 OK\\r\\nContent-Length: 2\\r\\n\\r\\n[]                          | status is not a number",
            "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n-5\\r\\n[]\\r\\n0\\r\\n\\r\\n | chunk size is not a size",
            "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nffffffffffffffffff\\r\\n[] | chunk size is not a size",
            "HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n7fffffff\\r\\n[]            | more than the 16 MiB",
            "HTTP/1.1 200 OK\\r\\nContent-Length: -1\\r\\n\\r\\n[]                          | Content-Length is not a size",
            "HTTP/1.1 200 OK\\r\\nContent-Length: 99999999999999999999\\r\\n\\r\\n[]        | Content-Length is not a size",
            "HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nContent-Length: 3\\r\\n\\r\\n[]    | two different Content-Length",
            "HTTP/1.1 200 OK\\r\\nno colon here\\r\\nContent-Length: 2\\r\\n\\r\\n[]          | without a name",
            "SSH-2.0-OpenSSH_9.2\\r\\n\\r\\n                                                 | not an HTTP answer"})
    void malformedFramingIsOneLineOfOurs(String answer, String words) throws IOException {
        try (HostileEngine engine = new HostileEngine(HostileEngine.bytes(answer.strip().replace("\\r\\n", "\r\n")))) {
            oneLine(refused(engine), words);
        }
    }

    @Test
    void anEndlessBodyIsCutAtTheCapAndItsConnectionDropped() throws IOException {
        try (HostileEngine engine = new HostileEngine(HostileEngine.endless("HTTP/1.1 200 OK\r\n\r\n", "[1,"))) {
            oneLine(refused(engine), "longer than the 16 MiB");
        }
        try (HostileEngine engine = new HostileEngine(HostileEngine.endless(
                "HTTP/1.1 500 Oops\r\nTransfer-Encoding: chunked\r\n\r\n", "4\r\nxxxx\r\n"))) {
            oneLine(refused(engine), "longer than the 16 MiB");
        }
    }

    @Test
    void aBodyAnnouncedOverTheCapIsRefusedUnreadAndTheNextCallTakesANewConnection() throws IOException {
        try (HostileEngine engine = new HostileEngine(HostileEngine.bytes(
                "HTTP/1.1 200 OK\r\nContent-Length: 17000000\r\n\r\n[]"))) {
            try (HttpDockerEngine client = engine.client(TIMEOUT)) {
                EngineException e = assertThrows(EngineException.class, () -> client.inspectContainer("c"));
                assertTrue(e.getMessage().contains("17000000 bytes, more than the 16 MiB"), e.getMessage());
                engine.answer(HostileEngine.bytes(OK));
                assertTrue(client.listContainers(ContainerFilter.labels(Map.of("a", "b"))).isEmpty());
                assertEquals(2, engine.connections(), "the refused answer's connection was not reused");
            }
        }
    }

    @Test
    void endlessHeadersAreCut() throws IOException {
        try (HostileEngine engine = new HostileEngine(HostileEngine.endless("HTTP/1.1 200 OK\r\n", "X-A: b\r\n"))) {
            oneLine(refused(engine), "more than 100 headers");
        }
        try (HostileEngine engine = new HostileEngine(HostileEngine.endless("HTTP/1.1 200 OK\r\nX-A: ", "b"))) {
            oneLine(refused(engine), "line too long");
        }
        try (HostileEngine engine = new HostileEngine(HostileEngine.endless("", "HTTP/1.1 100 Continue\r\n\r\n"))) {
            oneLine(refused(engine), "line too long");
        }
    }

    @Test
    void anEndlessErrorBodyOnTheEventsStreamIsCut() throws IOException {
        try (HostileEngine engine = new HostileEngine(HostileEngine.endless("HTTP/1.1 500 Oops\r\n\r\n", "{\"message\":\"x\"}"))) {
            EngineException e = assertTimeoutPreemptively(HANG_GUARD, () -> {
                try (HttpDockerEngine client = engine.client(TIMEOUT)) {
                    return assertThrows(EngineException.class, client::containerEvents);
                }
            });
            assertTrue(e.getMessage().contains("longer than the 16 MiB"), e.getMessage());
            assertTrue(e.getMessage().contains("GET /events"), e.getMessage());
        }
    }

    @Test
    void anEndlessEventEndsTheStream() throws IOException {
        try (HostileEngine engine = new HostileEngine(HostileEngine.endless(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{\"Type\":\"container\",\"Action\":\"", "start"))) {
            assertTimeoutPreemptively(HANG_GUARD, () -> {
                try (HttpDockerEngine client = engine.client(TIMEOUT); ContainerEvents events = client.containerEvents()) {
                    assertNull(events.next());
                }
            });
        }
    }

    @Test
    void anEventsStreamWhoseHeadNeverEndsFailsAtTheDeadline() throws IOException {
        HostileEngine.Answer drip = out -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes());
            out.flush();
            while (true) {
                out.write("X: y\r\n".getBytes());
                out.flush();
                Thread.sleep(200);
            }
        };
        try (HostileEngine engine = new HostileEngine(drip)) {
            EngineException e = assertTimeoutPreemptively(HANG_GUARD, () -> {
                try (HttpDockerEngine client = engine.client(Duration.ofSeconds(1))) {
                    return assertThrows(EngineException.class, client::containerEvents);
                }
            });
            assertTrue(e.getMessage().contains("did not answer GET /events within 1s"), e.getMessage());
        }
    }

    @Test
    void aTruncatedBodyIsAnErrorNotAShortAnswer() throws IOException {
        HostileEngine.Answer cut = out -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n[]".getBytes());
            throw new IOException("hang up"); // closes the connection
        };
        try (HostileEngine engine = new HostileEngine(cut)) {
            EngineException e = refused(engine);
            assertTrue(e.getMessage().contains("mid-answer"), e.getMessage());
            assertFalse(e.getMessage().contains("Exception"), e.getMessage());
        }
    }
}
