package io.dockerdebug.server;

import io.dockerdebug.ContainerEvent;
import io.dockerdebug.DockerDebug;
import io.dockerdebug.DockerDebugException;
import io.dockerdebug.EventSubscription;
import io.dockerdebug.json.Json;
import io.dockerdebug.threads.Threads;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The live container list of one engine, as server-sent events: a {@code containers} event with
 * the whole list at once, then again after each engine event that changes the list (the engine's
 * events stream, no polling). A comment every {@link #KEEP_ALIVE_SECONDS} keeps the connection
 * open; the stream ends when the client goes, or with an {@code error} event when the engine's
 * stream ends (the page then reconnects). Read with {@code fetch}, so that a page of another
 * origin can send its token in the Authorization header.
 */
final class ContainerStream {
    static final int KEEP_ALIVE_SECONDS = 15;
    /** Events after which the list (states, names, the set) may differ; exec_* and the like do not. */
    private static final Set<String> CHANGES = Set.of("create", "start", "restart", "die", "stop", "destroy",
            "rename", "pause", "unpause", "update", "oom");

    private final DockerDebug debug;
    private final Response response;
    private final Callback callback;
    /** One pending wake-up at most: a burst of events is one re-list. */
    private final BlockingQueue<Boolean> wake = new ArrayBlockingQueue<>(1);
    private volatile boolean engineEnded;

    private ContainerStream(DockerDebug debug, Response response, Callback callback) {
        this.debug = debug;
        this.response = response;
        this.callback = callback;
    }

    /** Subscribes, then lists (no event is lost in between), then streams on a thread of its own. */
    static void start(DockerDebug debug, Response response, Callback callback) {
        ContainerStream s = new ContainerStream(debug, response, callback);
        EventSubscription sub = ApiException.call(() -> debug.events(s::onEvent, s::onEnded));
        List<Views.Container> first;
        try {
            first = ApiException.call(() -> Views.containers(debug));
        } catch (ApiException e) {
            sub.close();
            throw e;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        Threads.daemon("serve-containers", () -> s.run(sub, first));
    }

    static boolean changesTheList(String action) {
        return action != null && (CHANGES.contains(action) || action.startsWith("health_status"));
    }

    private void onEvent(ContainerEvent e) {
        if (changesTheList(e.action())) {
            wake.offer(Boolean.TRUE);
        }
    }

    private void onEnded() {
        engineEnded = true;
        wake.offer(Boolean.TRUE);
    }

    private void run(EventSubscription sub, List<Views.Container> first) {
        try (sub) {
            send(event("containers", Map.of("containers", first)));
            while (true) {
                Boolean woken = wake.poll(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
                if (woken == null) {
                    send(": keep-alive\n\n");
                } else if (engineEnded) {
                    send(event("error", new Http.ErrorBody(DockerDebugException.ENGINE_ERROR, "the engine's events stream ended")));
                    break;
                } else {
                    send(event("containers", Map.of("containers", Views.containers(debug))));
                }
            }
            response.write(true, ByteBuffer.allocate(0), callback);
        } catch (DockerDebugException e) {
            finishWith(event("error", new Http.ErrorBody(e.exitCode(), e.getMessage())));
        } catch (Exception e) {
            // the client went away (a failed write) or the server stops
            callback.failed(e);
        }
    }

    private void finishWith(String last) {
        response.write(true, ByteBuffer.wrap(last.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private static String event(String name, Object data) {
        return "event: " + name + "\ndata: " + Json.from(data) + "\n\n";
    }

    /** Writes one event and waits for it to leave: a client that stops reading holds only this thread. */
    private void send(String text) throws Exception {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        response.write(false, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)),
                Callback.from(() -> sent.complete(null), sent::completeExceptionally));
        sent.get(60, TimeUnit.SECONDS);
    }
}
