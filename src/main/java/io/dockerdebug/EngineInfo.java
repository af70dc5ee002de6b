package io.dockerdebug;

import java.nio.file.Path;

/**
 * The engine a {@link DockerDebug} talks to, and why: known without asking the engine.
 *
 * @param source     which setting chose it ("flag -H", "env DOCKER_HOST", a context, a profile, ...)
 * @param host       {@code unix://}, {@code tcp://} or {@code ssh://} address
 * @param tls        whether TLS is spoken
 * @param tlsVerify  whether the server's certificate is verified
 * @param certDir    where the TLS files are read from, or null
 * @param apiVersion the pinned API version, or null when negotiated with the engine
 */
public record EngineInfo(String source, String host, boolean tls, boolean tlsVerify, Path certDir,
                         String apiVersion) {
}
