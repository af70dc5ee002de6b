package io.dockerdebug.threads;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadsTest {

    @Test
    void backgroundThreadsAreNamedDaemonsAndAShutdownHookIsNot() throws Exception {
        CompletableFuture<Thread> ran = new CompletableFuture<>();
        Thread t = Threads.daemon("output", () -> ran.complete(Thread.currentThread()));
        assertEquals(t, ran.get(30, TimeUnit.SECONDS));
        assertTrue(t.isDaemon());
        assertTrue(t.getName().matches("docker-debug-output-\\d+"), t.getName());
        assertFalse(t.isVirtual(), "the first virtual thread costs start-up");

        Thread other = Threads.daemonFactory("output").newThread(() -> { });
        assertTrue(other.isDaemon());
        assertNotEquals(t.getName(), other.getName(), "each name says which one");

        Thread hook = Threads.shutdownHook("cleanup", () -> { });
        assertFalse(hook.isDaemon());
        assertEquals(Thread.State.NEW, hook.getState());
    }
}
