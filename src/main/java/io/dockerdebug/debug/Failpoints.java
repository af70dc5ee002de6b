package io.dockerdebug.debug;

import java.util.function.Consumer;

/**
 * Named points of a session where the fault tests stop the client to kill it there. This class
 * holds no way to stop: it calls {@link #HOOK_CLASS} when that class is on the JVM's class path,
 * and no jar of the build, the release archive or the .deb contains it (it lives in the test
 * sources, src/test/java/io/dockerdebug/testhooks). So no switch (property, environment, config)
 * can make a released docker-debug hang: the fault tests add the class with
 * {@code -Xbootclasspath/a:target/test-classes} (through DOCKER_DEBUG_JAVA_OPTS), which is adding
 * code to the JVM, something whoever sets those options could do anyway (-javaagent).
 * Without the class, reaching a point costs one null check; the lookup runs once, at the first point.
 */
final class Failpoints {
    static final String HOOK_CLASS = "io.dockerdebug.testhooks.FailpointHook";
    private static final Consumer<String> HOOK = load();

    private Failpoints() {
    }

    static void reached(String point) {
        if (HOOK != null) {
            HOOK.accept(point);
        }
    }

    @SuppressWarnings("unchecked")
    private static Consumer<String> load() {
        try {
            return (Consumer<String>) Class.forName(HOOK_CLASS).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            return null;
        }
    }
}
