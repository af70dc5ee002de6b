package io.dockerdebug;

import com.github.dockerjava.transport.SSLConfig;

import java.net.URI;

/** Takes the host and TLS context of a docker-java transport (loaded only when used). */
final class DockerJavaTransport {
    private DockerJavaTransport() {
    }

    static void apply(URI dockerHost, SSLConfig sslConfig, DockerDebug.Builder builder) {
        String host = dockerHost.toString();
        builder.host(host);
        if (sslConfig != null && host.startsWith("tcp://")) {
            try {
                builder.tls(sslConfig.getSSLContext());
            } catch (java.security.GeneralSecurityException e) {
                throw new InvalidOptionsException("cannot use the TLS settings of the docker-java transport: "
                        + e.getMessage());
            }
        }
    }
}
