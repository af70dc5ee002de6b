package io.dockerdebug.server;

import java.security.SecureRandom;
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
 * The server's live sessions by random id. A session not attached by a websocket within
 * {@link #ATTACH_DEADLINE_SECONDS} is ended, so that a client that created one and went away
 * leaves no sidecar.
 */
final class Sessions implements AutoCloseable {
    static final int ATTACH_DEADLINE_SECONDS = 60;

    /** One session; {@code attached} is set once, by the websocket that took it. */
    record Live(String id, String engine, String target, Backend.Session session, Instant created,
                AtomicBoolean attached) {
    }

    private final Backend backend;
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("serve-timer").factory());

    Sessions(Backend backend) {
        this.backend = backend;
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    Live create(String engine, Backend.SessionSpec spec) {
        Backend.Session session = backend.open(engine, spec);
        byte[] b = new byte[16];
        random.nextBytes(b);
        Live l = new Live(HexFormat.of().formatHex(b), engine, session.targetName(), session, Instant.now(),
                new AtomicBoolean());
        live.put(l.id(), l);
        timer.schedule(() -> {
            if (!l.attached().get()) {
                end(l.id());
            }
        }, ATTACH_DEADLINE_SECONDS, TimeUnit.SECONDS);
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
                .map(id -> Thread.ofPlatform().name("serve-end").start(() -> end(id))).toList();
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
