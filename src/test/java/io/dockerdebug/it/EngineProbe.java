package io.dockerdebug.it;

/**
 * Run by {@link SameEngineIT} in a JVM of its own with a DOCKER_HOST to try: {@link Engine#require}
 * either passes (prints "engine: HOST", exit 0) or fails the way it fails a test (exit 1).
 */
public final class EngineProbe {
    private EngineProbe() {
    }

    public static void main(String[] args) {
        try {
            Engine.require();
            System.out.println("engine: " + org.testcontainers.DockerClientFactory.instance()
                    .getTransportConfig().getDockerHost());
        } catch (Throwable e) {
            System.out.println("refused: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }
}
