package io.dockerdebug.server;

import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

/**
 * How {@code docker-debug serve} listens.
 *
 * @param host           the address to bind; 127.0.0.1 unless the user said otherwise
 * @param port           0 for any free port
 * @param allowOrigins   exact origins (scheme://host[:port]) whose pages may use the API with the token; kept
 *                       as browsers send them (see {@link #normalOrigin})
 * @param tls            the certificate chain and its key (password {@link #KEY_PASSWORD}) to serve HTTPS, or null
 * @param insecure       serve plain HTTP on an address other than loopback
 * @param token          the secret, or null to make a random one
 * @param attachDeadline how long a created session waits for its terminal before it is ended; null for
 *                       {@link #ATTACH_DEADLINE}
 */
public record ServeOptions(String host, int port, List<String> allowOrigins, KeyStore tls, boolean insecure,
                           String token, Duration attachDeadline) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** The password of the key in {@link #tls}. */
    public static final String KEY_PASSWORD = "docker-debug";
    public static final Duration ATTACH_DEADLINE = Duration.ofSeconds(60);

    public ServeOptions {
        allowOrigins = allowOrigins.stream().map(ServeOptions::normalOrigin).toList();
        attachDeadline = attachDeadline == null ? ATTACH_DEADLINE : attachDeadline;
    }

    /** Without an attach deadline of its own. */
    public ServeOptions(String host, int port, List<String> allowOrigins, KeyStore tls, boolean insecure, String token) {
        this(host, port, allowOrigins, tls, insecure, token, null);
    }

    /**
     * An origin as a browser's Origin header says it: scheme and host in lower case, without the
     * scheme's default port (http 80, https 443), so that {@code http://EXAMPLE.com:80} matches.
     */
    public static String normalOrigin(String origin) {
        String o = origin.toLowerCase(java.util.Locale.ROOT);
        if (o.startsWith("http://") && o.endsWith(":80")) {
            return o.substring(0, o.length() - 3);
        }
        if (o.startsWith("https://") && o.endsWith(":443")) {
            return o.substring(0, o.length() - 4);
        }
        return o;
    }

    public boolean usesTls() {
        return tls != null;
    }
}
