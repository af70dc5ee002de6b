package io.dockerdebug.it;

import io.dockerdebug.config.Config;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.RegistryAuth;
import io.dockerdebug.server.DebugBackend;
import io.dockerdebug.server.EngineCatalog;
import io.dockerdebug.server.ServeOptions;
import io.dockerdebug.server.WebServer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.fail;

/** A {@code docker-debug serve} in the test's JVM, on the default engine, on a free port of 127.0.0.1. */
final class ServeFixture implements AutoCloseable {
    final String token;
    final WebServer server;
    final String base;
    private final DebugBackend backend;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ServeFixture(List<String> allowOrigins) {
        Engine.require();
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        token = HexFormat.of().formatHex(b);
        backend = new DebugBackend(defaultEngine());
        try {
            server = WebServer.start(new ServeOptions("127.0.0.1", 0, allowOrigins, null, null, false, token),
                    backend, "test");
        } catch (Exception e) {
            throw new AssertionError("serve did not start", e);
        }
        base = server.baseUrl().replaceAll("/$", "");
    }

    static EngineCatalog defaultEngine() {
        DockerEndpoint endpoint = DockerEndpoint.resolve(null, System.getenv());
        return new EngineCatalog() {
            public List<String> names() {
                return List.of("default");
            }

            public DockerEndpoint endpoint(String name) {
                return endpoint;
            }

            public Config config() {
                return Config.empty(Path.of("/nonexistent/config.toml"));
            }

            public RegistryAuth registryAuth() {
                return null;
            }
        };
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

    HttpResponse<String> post(String path, String json) {
        return send(authed(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    @Override
    public void close() {
        server.close();
        backend.close();
    }
}
