package io.dockerdebug.docker;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
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
 * @param tlsFiles   files named one by one (the docker CLI's --tlscacert, --tlscert, --tlskey),
 *                   used instead of those of {@code tlsCertDir}; null for none
 */
public record DockerEndpoint(URI host, boolean tls, Path tlsCertDir, boolean tlsVerify, String apiVersion,
                             String source, TlsFiles tlsFiles) {

    /**
     * TLS files named one by one; a null one is the file of its usual name in the certificate
     * directory. A named file is used exactly: a ca.pem beside it plays no part.
     */
    public record TlsFiles(Path caCert, Path cert, Path key) {
        /** What the plugin's options became ({@code DOCKER_DEBUG_TLSCACERT}, ...); null when none is set. */
        static TlsFiles fromEnv(Map<String, String> env) {
            Path ca = path(env.get(ENV_CACERT));
            Path cert = path(env.get(ENV_CERT));
            Path key = path(env.get(ENV_KEY));
            return ca == null && cert == null && key == null ? null : new TlsFiles(ca, cert, key);
        }

        private static Path path(String s) {
            return s == null || s.isEmpty() ? null : Path.of(s);
        }
    }

    /**
     * The docker CLI's --tlscacert, --tlscert and --tlskey as {@code docker dbg} hands them on
     * (the docker CLI has no variables for them; ours are read beside DOCKER_CERT_PATH).
     */
    public static final String ENV_CACERT = "DOCKER_DEBUG_TLSCACERT";
    public static final String ENV_CERT = "DOCKER_DEBUG_TLSCERT";
    public static final String ENV_KEY = "DOCKER_DEBUG_TLSKEY";

    public static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";
    /** How long a non-streaming engine call (connect included) and a credential helper may take, unless configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public DockerEndpoint {
        Objects.requireNonNull(host, "host");
    }

    /** With the files of {@code tlsCertDir} only. */
    public DockerEndpoint(URI host, boolean tls, Path tlsCertDir, boolean tlsVerify, String apiVersion, String source) {
        this(host, tls, tlsCertDir, tlsVerify, apiVersion, source, null);
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
                    : UserHome.of(env).resolve(".docker");
        }
        return new DockerEndpoint(uri, certDir != null, certDir, !verify.isEmpty(), env.get("DOCKER_API_VERSION"), source,
                certDir == null ? null : TlsFiles.fromEnv(env));
    }

    /**
     * Accepts what the docker CLI accepts: unix:///p, tcp://h:p, ssh://[user@]host[:port], and a
     * bare /path. Refused as the docker CLI refuses them: a password (it would land on the ssh
     * command line, visible in ps), a query or fragment (silently ignored otherwise), a user or
     * host starting with '-' (an ssh option). Messages never echo a password.
     */
    public static URI parseHost(String host) {
        String h = host.trim();
        if (h.startsWith("/")) {
            h = "unix://" + h;
        }
        String shown = redacted(host.trim());
        URI uri;
        try {
            uri = new URI(h);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid docker host \"" + shown + "\"");
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("unix") || scheme.equals("tcp") || scheme.equals("ssh"))) {
            throw new IllegalArgumentException("invalid docker host \"" + shown + "\": use unix://, tcp:// or ssh://");
        }
        // What is checked is what is used: the decoded user and host (ssh gets "%2Do…" as "-o…").
        String userInfo = uri.getUserInfo();
        if (userInfo != null && userInfo.contains(":")) {
            throw new IllegalArgumentException("invalid docker host \"" + shown + "\": plain-text password is not supported"
                    + (scheme.equals("ssh") ? " (use an ssh key or agent)" : ""));
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("invalid docker host \"" + shown + "\": extra query after the host");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("invalid docker host \"" + shown + "\": extra fragment after the host");
        }
        if (scheme.equals("unix")) {
            return uri;
        }
        if (userInfo != null && scheme.equals("tcp")) {
            throw new IllegalArgumentException("invalid docker host \"" + shown + "\": tcp:// takes no user");
        }
        String problem = hostProblem(uri);
        if (problem != null) {
            throw new IllegalArgumentException("invalid docker host \"" + shown + "\": " + problem);
        }
        return uri;
    }

    /**
     * Why the decoded user or host of a tcp:// or ssh:// URL may not be used, or null: empty, a
     * leading '-' (ssh would read it as an option), a control character (a second line in a
     * command or a log).
     */
    static String hostProblem(URI uri) {
        String user = uri.getUserInfo();
        if (user != null && (user.isEmpty() || user.startsWith("-") || hasControl(user))) {
            return "invalid user name";
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || host.startsWith("-") || hasControl(host)) {
            return "invalid host name";
        }
        return null;
    }

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }

    /** {@code host} with the password of {@code scheme://user:password@…} replaced, for messages. */
    static String redacted(String host) {
        int start = host.indexOf("://");
        int at = host.lastIndexOf('@');
        if (start < 0 || at < start) {
            return host;
        }
        String userInfo = host.substring(start + 3, at);
        // "%3A" is a colon too once decoded.
        int colon = userInfo.toUpperCase(java.util.Locale.ROOT).replace("%3A", ":  ").indexOf(':');
        return colon < 0 ? host : host.substring(0, start + 3) + userInfo.substring(0, colon) + ":xxxxx" + host.substring(at);
    }
}
