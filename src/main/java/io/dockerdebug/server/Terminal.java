package io.dockerdebug.server;

import io.dockerdebug.json.Json;
import io.dockerdebug.threads.Threads;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One terminal websocket, whose command was started before the upgrade was answered. Binary
 * frames carry the TTY's bytes both ways; text frames carry JSON control: {@code resize} from
 * the page, {@code exit} (then close 1000) or {@code error} (then close 1011) from us. Closing
 * the websocket ends the session and removes its sidecar. Public: Jetty calls it reflectively.
 */
public final class Terminal implements Session.Listener {
    static final int PING_SECONDS = 25;
    static final int MAX_COLUMNS = 1000;
    static final int MAX_ROWS = 500;

    private final Sessions.Live live;
    private final Sessions sessions;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Session ws;
    private volatile ScheduledFuture<?> pinger;

    Terminal(Sessions.Live live, Sessions sessions) {
        this.live = live;
        this.sessions = sessions;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        this.ws = session;
        pinger = sessions.timer().scheduleAtFixedRate(
                () -> session.sendPing(ByteBuffer.allocate(0), Callback.NOOP), PING_SECONDS, PING_SECONDS,
                TimeUnit.SECONDS);
        Threads.daemon("serve-tty-" + live.id().substring(0, 8), this::pumpOutput);
        session.demand();
    }

    /** TTY output to the page, one frame at a time: the next read waits for the send (back-pressure). */
    private void pumpOutput() {
        io.dockerdebug.Session s = live.session();
        byte[] buf = new byte[32 * 1024];
        try {
            InputStream in = s.stdout();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0) {
                    send(ws, ByteBuffer.wrap(buf, 0, n));
                }
            }
            int code = exitCode(s);
            sendText("{\"type\":\"exit\",\"code\":" + code + "}");
            ws.close(StatusCode.NORMAL, "exit", Callback.NOOP);
        } catch (ApiException e) {
            fail(e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (!ended.get()) {
                fail("the session was lost: " + e.getMessage());
            }
        } finally {
            end();
        }
    }

    /** The command's exit code, its output having ended; the library's failure as an API error. */
    private static int exitCode(io.dockerdebug.Session s) {
        try {
            return s.exitCode().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.ours(502, "interrupted");
        } catch (java.util.concurrent.TimeoutException e) {
            throw ApiException.ours(502, "the command's exit code did not come");
        } catch (java.util.concurrent.ExecutionException e) {
            throw ApiException.of(e);
        }
    }

    private static void send(Session ws, ByteBuffer data) throws IOException {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        ws.sendBinary(data, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        await(sent);
    }

    private void sendText(String text) throws IOException {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        ws.sendText(text, Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        await(sent);
    }

    private static void await(CompletableFuture<Void> f) throws IOException {
        try {
            f.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("websocket send failed: " + e.getMessage(), e);
        }
    }

    private void fail(String message) {
        Session s = ws;
        if (s == null || !s.isOpen()) {
            return;
        }
        try {
            sendText(Json.object().put("type", "error").put("message", message).toString());
        } catch (IOException ignored) {
            // closing anyway
        }
        s.close(StatusCode.SERVER_ERROR, "error", Callback.NOOP);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            OutputStream in = live.session().stdin();
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            in.write(b);
            in.flush();
            callback.succeed();
            ws.demand();
        } catch (IOException | RuntimeException e) {
            callback.fail(e);
        }
    }

    @Override
    public void onWebSocketText(String message) {
        try {
            Json m = Json.parse(message);
            if ("resize".equals(m.path("type").asText())) {
                int cols = Math.clamp(m.path("cols").asInt(80), 1, MAX_COLUMNS);
                int rows = Math.clamp(m.path("rows").asInt(24), 1, MAX_ROWS);
                live.session().resize(cols, rows);
            }
        } catch (RuntimeException e) {
            // A malformed control message is ignored, as a terminal ignores a bad escape.
        }
        ws.demand();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        end();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        end();
    }

    /** Ends the session and removes the sidecar, once. */
    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        ScheduledFuture<?> p = pinger;
        if (p != null) {
            p.cancel(false);
        }
        sessions.end(live.id());
    }
}
