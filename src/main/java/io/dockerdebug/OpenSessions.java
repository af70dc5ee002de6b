package io.dockerdebug;

import io.dockerdebug.threads.Threads;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sessions a {@link DockerDebug} has open, closed together at its close and at the JVM's
 * orderly exit (SIGINT, SIGTERM, SIGHUP); SIGKILL is the dead-man's switch's job.
 */
final class OpenSessions {
    private final Set<Session> open = new LinkedHashSet<>();
    private Thread hook;

    synchronized <S extends Session> S add(S session) {
        if (hook == null) {
            hook = Threads.shutdownHook("sessions-cleanup", this::closeAll);
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                session.close();
                throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, "the JVM is shutting down");
            }
        }
        open.add(session);
        return session;
    }

    synchronized void remove(Session session) {
        open.remove(session);
    }

    void closeAll() {
        List<Session> all;
        synchronized (this) {
            all = new ArrayList<>(open);
            open.clear();
        }
        all.forEach(Session::close);
        synchronized (this) {
            if (hook != null && Thread.currentThread() != hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs or has run
                }
                hook = null;
            }
        }
    }
}
