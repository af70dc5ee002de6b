package io.dockerdebug.debug;

/**
 * Named points of a session where the fault tests stop the client to kill it there:
 * {@code -Ddocker-debug.failpoint=NAME} (through DOCKER_DEBUG_JAVA_OPTS) makes the client
 * print {@code docker-debug: failpoint NAME} on stderr and wait for its death at that point.
 * Unset, this is one property lookup per point.
 */
final class Failpoints {
    private static final String NAME = System.getProperty("docker-debug.failpoint");

    private Failpoints() {
    }

    static void reached(String point) {
        if (NAME == null || !NAME.equals(point)) {
            return;
        }
        System.err.println("docker-debug: failpoint " + point);
        System.err.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // keep waiting for the signal
            }
        }
    }
}
