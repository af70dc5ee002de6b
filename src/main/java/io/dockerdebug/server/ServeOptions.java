package io.dockerdebug.server;

import java.nio.file.Path;
import java.util.List;

/**
 * How {@code docker-debug serve} listens.
 *
 * @param host           the address to bind; 127.0.0.1 unless the user said otherwise
 * @param port           0 for any free port
 * @param allowOrigins   exact origins (scheme://host[:port]) whose pages may use the API with the token
 * @param tlsCert        PEM certificate chain, or null
 * @param tlsKey         PEM private key, or null
 * @param insecure       serve plain HTTP on an address other than loopback
 * @param token          the secret, or null to make a random one
 */
public record ServeOptions(String host, int port, List<String> allowOrigins, Path tlsCert, Path tlsKey,
                           boolean insecure, String token) {
    public static final String DEFAULT_HOST = "127.0.0.1";

    public ServeOptions {
        allowOrigins = List.copyOf(allowOrigins);
    }

    public boolean tls() {
        return tlsCert != null;
    }
}
