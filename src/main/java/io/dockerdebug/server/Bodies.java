package io.dockerdebug.server;

import io.dockerdebug.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Request bodies, read without holding a thread while the client sends them: a client that
 * announces a body and drips it holds a connection, not one of the server's threads. Each body
 * has a deadline ({@link #DEADLINE}) and a size cap; at most {@link #MAX_PENDING} bodies are
 * awaited at once, the rest are refused (503) at once.
 */
final class Bodies {
    static final int MAX_BODY = 64 * 1024;
    static final Duration DEADLINE = Duration.ofSeconds(10);
    static final int MAX_PENDING = 32;

    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private final ScheduledExecutorService timer;
    private final Executor workers;

    /**
     * @param timer   ends bodies at their deadline
     * @param workers runs what a body is for, once it is read (the server's thread pool)
     */
    Bodies(ScheduledExecutorService timer, Executor workers) {
        this.timer = timer;
        this.workers = workers;
    }

    /** What a body is for: may throw {@link ApiException}, which becomes the JSON error. */
    interface Use {
        void accept(Json body) throws Exception;
    }

    /**
     * Reads a JSON body of at most {@code max} bytes (Content-Length required), then runs
     * {@code use} on a worker; bad framing, a late or oversized body and {@code use}'s failures
     * become JSON errors.
     */
    void read(Request request, Response response, Callback callback, int max, Use use) {
        long length = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (length < 0) {
            throw ApiException.ours(411, "a Content-Length is required");
        }
        if (length > max) {
            throw ApiException.ours(413, "the body is larger than " + max + " bytes");
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw ApiException.ours(415, "the body must be application/json");
        }
        if (!pending.tryAcquire()) {
            throw ApiException.ours(503, "too many requests are sending their body: try again");
        }
        CompletableFuture<byte[]> bytes = Content.Source.asByteArrayAsync(request, max);
        ScheduledFuture<?> deadline = timer.schedule(
                () -> request.fail(new TimeoutException("the body did not come within " + DEADLINE.toSeconds() + " s")),
                DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        bytes.whenCompleteAsync((b, failure) -> {
            deadline.cancel(false);
            pending.release();
            try {
                if (failure != null) {
                    response.getHeaders().put(HttpHeader.CONNECTION, "close");
                    throw ApiException.ours(408, "the request body did not come in time");
                }
                Json body;
                try {
                    body = Json.parse(new String(b, StandardCharsets.UTF_8));
                } catch (Json.JsonException e) {
                    throw ApiException.badRequest("the body is not JSON");
                }
                use.accept(body);
            } catch (ApiException e) {
                Http.error(response, callback, e);
            } catch (Throwable t) {
                Http.error(response, callback, ApiException.unexpected(t));
            }
        }, workers);
    }
}
