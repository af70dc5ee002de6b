package io.dockerdebug.debug;

import io.dockerdebug.threads.Threads;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * An engine call started on a thread of its own while the caller makes another, so that two
 * round trips the engine can serve at once cost one.
 */
final class Concurrently<T> {
    private final CompletableFuture<T> result = new CompletableFuture<>();

    private Concurrently() {
    }

    static <T> Concurrently<T> start(String name, Supplier<T> call) {
        Concurrently<T> c = new Concurrently<>();
        Threads.daemon(name, () -> {
            try {
                c.result.complete(call.get());
            } catch (Throwable t) {
                c.result.completeExceptionally(t);
            }
        });
        return c;
    }

    /** The call's result, or its exception as it threw it. */
    T join() {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
