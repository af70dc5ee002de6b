package io.dockerdebug.docker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The API version is settled by the first GET's answer (the engine sends {@code Api-Version} with
 * every answer): no {@code /_ping} round trip on the way to the first call of a session.
 */
class ApiVersionLearningTest {
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private ServerSocket server;
    /** The header the engine sends, or null for one that sends none. */
    private volatile String apiVersionHeader = "1.41";

    private HttpDockerEngine engine() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
        URI host = URI.create("tcp://127.0.0.1:" + server.getLocalPort());
        return new HttpDockerEngine(new DockerEndpoint(host, false, null, false, null, "test"), Duration.ofSeconds(30), null);
    }

    /** An engine that answers every request (keep-alive) with a small JSON object. */
    private void serve(Socket s) {
        try (s; BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1))) {
            OutputStream out = s.getOutputStream();
            String line;
            while ((line = in.readLine()) != null) {
                String[] request = line.split(" ");
                requests.add(request[0] + " " + request[1]);
                int length = 0;
                for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                    if (h.toLowerCase().startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                for (int i = 0; i < length; i++) {
                    in.read();
                }
                String body = request[1].endsWith("/_ping") ? "OK" : "{\"Id\":\"abc\",\"State\":{\"Running\":true}}";
                String version = apiVersionHeader;
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + (version == null ? "" : "Api-Version: " + version + "\r\n")
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the client closed
        }
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFirstGetSettlesTheVersion() throws IOException {
        try (HttpDockerEngine engine = engine()) {
            engine.inspectContainer("c");
            engine.createExec("abc", new ExecSpec(List.of("true"), false, null, null, List.of()));
            engine.inspectContainer("c");
            assertEquals("1.41", engine.apiVersion());
        }
        assertEquals(List.of("GET /containers/c/json", "POST /v1.41/containers/abc/exec", "GET /v1.41/containers/c/json"),
                requests);
    }

    @Test
    void aNewerEngineIsSpokenToInTheNewestVersionWeKnow() throws IOException {
        apiVersionHeader = "9.99";
        try (HttpDockerEngine engine = engine()) {
            engine.inspectContainer("c");
            engine.createExec("abc", new ExecSpec(List.of("true"), false, null, null, List.of()));
        }
        assertEquals("POST /v" + ApiVersion.MAX + "/containers/abc/exec", requests.get(1));
    }

    @Test
    void aPostFirstAsksThePingAsBefore() throws IOException {
        try (HttpDockerEngine engine = engine()) {
            engine.createExec("abc", new ExecSpec(List.of("true"), false, null, null, List.of()));
        }
        assertEquals(List.of("GET /_ping", "POST /v1.41/containers/abc/exec"), requests);
    }

    @Test
    void anEngineThatDoesNotSayIsPingedBeforeItsFirstPost() throws IOException {
        apiVersionHeader = null;
        try (HttpDockerEngine engine = engine()) {
            engine.inspectContainer("c");
            engine.createExec("abc", new ExecSpec(List.of("true"), false, null, null, List.of()));
        }
        assertEquals(List.of("GET /containers/c/json", "GET /_ping", "POST /v1.24/containers/abc/exec"), requests);
    }
}
