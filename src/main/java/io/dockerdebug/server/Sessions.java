package io.dockerdebug.server;

import io.dockerdebug.Session;

import io.dockerdebug.threads.Threads;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The server's live sessions by random id. A session not attached by a websocket within the
 * attach deadline ({@link ServeOptions#attachDeadline()}) is ended, so that a client that created
 * one and went away leaves no sidecar.
 */
final class Sessions implements AutoCloseable {

    /** One session; {@code attached} is set once, by the websocket that took it. */
    record Live(String id, String engine, String target, Session session, Instant created, AtomicBoolean attached) {
    }

    private final Engines engines;
    private final Duration attachDeadline;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Threads.daemonFactory("serve-timer"));

    Sessions(Engines engines, Duration attachDeadline) {
        this.engines = engines;
        this.attachDeadline = attachDeadline;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** Opens the session (its command runs; output waits for the terminal) and gives it an id. */
    Live create(String engine, Requests.Spec spec) {
        Session session = ApiException.call(() -> engines.get(engine).open(spec.target(), spec.sidecar(), spec.withTty()));
        byte[] b = new byte[16];
        random.nextBytes(b);
        Live l = new Live(HexFormat.of().formatHex(b), engine, spec.target(), session, Instant.now(), new AtomicBoolean());
        live.put(l.id(), l);
        timer.schedule(() -> {
            if (!l.attached().get()) {
                end(l.id());
            }
        }, attachDeadline.toMillis(), TimeUnit.MILLISECONDS);
        return l;
    }

    Live get(String id) {
        return live.get(id);
    }

    List<Live> list() {
        return List.copyOf(live.values());
    }

    /** Ends the session and removes its sidecar; false when there was none by that id. */
    boolean end(String id) {
        Live l = live.remove(id);
        if (l == null) {
            return false;
        }
        l.session().close();
        return true;
    }

    /** Ends every session (the server stops): each sidecar is removed. */
    @Override
    public void close() {
        List<Thread> enders = live.keySet().stream()
                .map(id -> Threads.start("serve-end", () -> end(id))).toList();
        for (Thread t : enders) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.shutdownNow();
    }
}
