package io.dockerdebug;

import com.github.dockerjava.core.DockerClientConfig;

/** Takes the host, API version and TLS context of a docker-java configuration (loaded only when used). */
final class DockerJavaConfig {
    private DockerJavaConfig() {
    }

    static void apply(DockerClientConfig config, DockerDebug.Builder builder) {
        String host = config.getDockerHost().toString();
        builder.host(host);
        // docker-java's "unknown" (0.0) means: negotiate, as we do without a pinned version.
        if (config.getApiVersion() != null
                && config.getApiVersion().isGreaterOrEqual(com.github.dockerjava.core.RemoteApiVersion.VERSION_1_19)) {
            builder.apiVersion(config.getApiVersion().getVersion());
        }
        if (config.getSSLConfig() != null && host.startsWith("tcp://")) {
            try {
                builder.tls(config.getSSLConfig().getSSLContext());
            } catch (java.security.GeneralSecurityException e) {
                throw new InvalidOptionsException("cannot use the TLS settings of the docker-java configuration: "
                        + e.getMessage());
            }
        }
    }
}
