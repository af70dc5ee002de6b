package io.dockerdebug.it;

import io.dockerdebug.DockerDebug;
import io.dockerdebug.server.Engines;
import io.dockerdebug.server.ServeOptions;
import io.dockerdebug.server.WebServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.fail;

/** A {@code docker-debug serve} in the test's JVM, on the default engine, on a free port of 127.0.0.1. */
final class ServeFixture implements AutoCloseable {
    final String token;
    final WebServer server;
    final String base;
    private final Engines engines;
    final HttpClient http;

    ServeFixture(List<String> allowOrigins) {
        this(allowOrigins, null, null, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
    }

    /** With HTTPS when {@code tls} is not null, a session attach deadline of its own when not null, and this client. */
    ServeFixture(List<String> allowOrigins, KeyStore tls, Duration attachDeadline, HttpClient http) {
        Engine.require();
        this.http = http;
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        token = HexFormat.of().formatHex(b);
        engines = new Engines(Map.of("default", defaultEngine()));
        try {
            server = WebServer.start(new ServeOptions("127.0.0.1", 0, allowOrigins, tls, false, token, attachDeadline),
                    engines, "test");
        } catch (Exception e) {
            engines.close();
            throw new AssertionError("serve did not start", e);
        }
        base = server.baseUrl().replaceAll("/$", "");
    }

    /** The default engine as the CLI finds it, without a config file. */
    static DockerDebug defaultEngine() {
        return DockerDebug.builder().environment(System.getenv()).configFile("/nonexistent/config.toml").build();
    }

    int port() {
        return URI.create(base).getPort();
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    }

    HttpRequest.Builder authed(String path) {
        return request(path).header("Authorization", "token " + token);
    }

    HttpResponse<String> send(HttpRequest.Builder r) {
        try {
            return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            return fail("request failed: " + e);
        }
    }

    /** A fresh one-time code, as serve prints it in its URL (the previous one dies). */
    String newCode() {
        String url = server.newCodeUrl();
        return url.substring(url.indexOf("#code=") + "#code=".length());
    }

    /** The page's way in: the code traded for the token, from this origin (null: none, as curl). */
    HttpResponse<String> redeem(String code, String origin) {
        HttpRequest.Builder r = request("/api/v1/auth/code").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\"}"));
        if (origin != null) {
            r.header("Origin", origin);
        }
        return send(r);
    }

    HttpResponse<String> post(String path, String json) {
        return send(authed(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Override
    public void close() {
        server.close();
        engines.close();
    }
}
