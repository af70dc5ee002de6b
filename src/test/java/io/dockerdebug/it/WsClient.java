package io.dockerdebug.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/** A terminal websocket as a test sees it: the TTY's text so far, the control messages, the close. */
final class WsClient implements WebSocket.Listener {
    private final StringBuilder screen = new StringBuilder();
    private final List<String> control = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket ws;

    /** Connects with these headers (name, value, ...); fails the test when the handshake fails. */
    static WsClient open(HttpClient http, String url, String... headers) throws Exception {
        WsClient c = new WsClient();
        c.ws = builder(http, headers).buildAsync(URI.create(url), c).get(60, TimeUnit.SECONDS);
        return c;
    }

    /** The handshake's failure, or null when it was accepted (then the socket is closed at once). */
    static Throwable refusal(HttpClient http, String url, String... headers) {
        try {
            WebSocket ws = builder(http, headers).buildAsync(URI.create(url), new WsClient()).get(60, TimeUnit.SECONDS);
            ws.abort();
            return null;
        } catch (Exception e) {
            return e;
        }
    }

    private static WebSocket.Builder builder(HttpClient http, String... headers) {
        WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                .subprotocols("docker-debug.v1");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b;
    }

    void type(String s) {
        ws.sendBinary(ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8)), true).join();
    }

    void resize(int cols, int rows) {
        ws.sendText("{\"type\":\"resize\",\"cols\":" + cols + ",\"rows\":" + rows + "}", true).join();
    }

    synchronized String screen() {
        return screen.toString();
    }

    synchronized List<String> control() {
        return List.copyOf(control);
    }

    /** Waits (bounded) until the screen satisfies the condition; fails with what it shows. */
    String awaitScreen(Predicate<String> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (this) {
            while (!condition.test(screen.toString())) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail("terminal never showed " + what + "; it shows:\n" + screen);
                }
                wait(Math.max(1, left / 1_000_000));
            }
            return screen.toString();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] b = new byte[data.remaining()];
        data.get(b);
        synchronized (this) {
            screen.append(new String(b, StandardCharsets.UTF_8));
            notifyAll();
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (this) {
            partial.append(data);
            if (last) {
                control.add(partial.toString());
                partial.setLength(0);
                notifyAll();
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
