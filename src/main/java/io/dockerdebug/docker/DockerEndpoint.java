package io.dockerdebug.docker;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where the engine is and how to reach it. {@code source} says which setting chose it
 * (flag, env, profile, default), for error messages and {@code info}.
 *
 * @param host       unix:///path, tcp://host:port or ssh://[user@]host[:port]
 * @param tls        speak TLS (tcp:// only)
 * @param tlsCertDir directory with ca.pem, cert.pem, key.pem (each optional); null for none
 * @param tlsVerify  verify the server certificate (against ca.pem when present)
 * @param apiVersion pinned API version such as "1.41"; null to use the server's own
 * @param source     human-readable origin of this endpoint
 */
public record DockerEndpoint(URI host, boolean tls, Path tlsCertDir, boolean tlsVerify, String apiVersion,
                             String source) {

    public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    public DockerEndpoint {
        Objects.requireNonNull(host, "host");
    }

    /** TLS exactly when a certificate directory is given. */
    public DockerEndpoint(URI host, Path tlsCertDir, boolean tlsVerify, String apiVersion, String source) {
        this(host, tlsCertDir != null, tlsCertDir, tlsVerify, apiVersion, source);
    }

    public boolean isUnix() {
        return "unix".equals(host.getScheme());
    }

    public boolean usesTls() {
        return tls && "tcp".equals(host.getScheme());
    }

    public boolean isSsh() {
        return "ssh".equals(host.getScheme());
    }

    /** -H flag, then DOCKER_HOST, then the default socket. Profiles and contexts come from config. */
    public static DockerEndpoint resolve(String hostFlag, Map<String, String> env) {
        if (hostFlag != null && !hostFlag.isBlank()) {
            return fromHost(hostFlag, env, "flag -H");
        }
        String fromEnv = env.get("DOCKER_HOST");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromHost(fromEnv, env, "env DOCKER_HOST");
        }
        return new DockerEndpoint(URI.create(DEFAULT_SOCKET), null, false, env.get("DOCKER_API_VERSION"), "default socket");
    }

    static DockerEndpoint fromHost(String host, Map<String, String> env, String source) {
        URI uri = parseHost(host);
        String verify = env.getOrDefault("DOCKER_TLS_VERIFY", "");
        Path certDir = null;
        if (!verify.isEmpty() && "tcp".equals(uri.getScheme())) {
            String certPath = env.get("DOCKER_CERT_PATH");
            certDir = certPath != null && !certPath.isEmpty()
                    ? Path.of(certPath)
                    : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".docker");
        }
        return new DockerEndpoint(uri, certDir, !verify.isEmpty(), env.get("DOCKER_API_VERSION"), source);
    }

    /** Accepts what the docker CLI accepts: unix:///p, tcp://h:p, ssh://..., and a bare /path. */
    public static URI parseHost(String host) {
        String h = host.trim();
        if (h.startsWith("/")) {
            h = "unix://" + h;
        }
        URI uri;
        try {
            uri = URI.create(h);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid docker host \"" + host + "\"");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("unix") || scheme.equals("tcp") || scheme.equals("ssh"))) {
            throw new IllegalArgumentException("invalid docker host \"" + host + "\": use unix://, tcp:// or ssh://");
        }
        return uri;
    }
}
