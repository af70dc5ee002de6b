package io.dockerdebug.testhooks;

import java.util.function.Consumer;

/**
 * The fault tests' failpoints, outside every shipped jar (see io.dockerdebug.debug.Failpoints):
 * FaultIT runs the launcher with {@code -Xbootclasspath/a:target/test-classes
 * -Ddocker-debug.failpoint=NAME}; at point NAME the client prints
 * {@code docker-debug: failpoint NAME} on stderr and waits there for its death. Loaded by the
 * boot class loader, so it uses nothing but the JDK.
 */
public final class FailpointHook implements Consumer<String> {
    private final String name = System.getProperty("docker-debug.failpoint");

    @Override
    public void accept(String point) {
        if (name == null || !name.equals(point)) {
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
