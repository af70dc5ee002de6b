package io.dockerdebug.config;

/**
 * An engine profile, {@code [config.NAME]}: where the engine is and how to reach it.
 *
 * @param host       unix://, tcp:// or ssh:// address; null for the default socket
 * @param tls        use TLS and verify the engine with the certificates in {@code certDir}
 * @param certDir    directory with ca.pem, cert.pem and key.pem ("~/" expanded); null for ~/.docker
 * @param apiVersion pinned Engine API version such as "1.41"; null to negotiate
 */
public record Profile(String name, String host, boolean tls, String certDir, String apiVersion) {
}
