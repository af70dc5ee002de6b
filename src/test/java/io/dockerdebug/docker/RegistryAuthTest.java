package io.dockerdebug.docker;

import io.dockerdebug.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RegistryAuthTest {
    @TempDir
    Path dir;

    private final List<String> helperCalls = new ArrayList<>();

    private RegistryAuth auth(String configJson) throws IOException {
        Files.writeString(dir.resolve("config.json"), configJson);
        return new RegistryAuth(DockerCliConfig.of(Map.of("DOCKER_CONFIG", dir.toString())), (program, input) -> {
            helperCalls.add(program + " " + input);
            return program.endsWith("-none") ? null
                    : "{\"ServerURL\":\"" + input + "\",\"Username\":\"" + program + "\",\"Secret\":\"s\"}";
        });
    }

    private static Json decode(String header) throws IOException {
        return Json.parse(Base64.getUrlDecoder().decode(header));
    }

    @Test
    void registriesAreReadLikeTheDockerCli() {
        assertEquals("docker.io", RegistryAuth.registryOf("busybox"));
        assertEquals("docker.io", RegistryAuth.registryOf("nicolaka/netshoot:latest"));
        assertEquals("127.0.0.1:5000", RegistryAuth.registryOf("127.0.0.1:5000/a/b:1"));
        assertEquals("localhost", RegistryAuth.registryOf("localhost/x"));
        assertEquals("ghcr.io", RegistryAuth.registryOf("ghcr.io/o/x@sha256:00"));
        assertEquals("docker.io", RegistryAuth.hostOf("https://index.docker.io/v1/"));
        assertEquals("r:5000", RegistryAuth.hostOf("http://r:5000/v2/"));
    }

    @Test
    void authsGiveUserAndPassword() throws IOException {
        String basic = Base64.getEncoder().encodeToString("me:pa:ss".getBytes(StandardCharsets.UTF_8));
        RegistryAuth a = auth("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + basic + "\"},"
                + "\"http://127.0.0.1:5000\":{\"auth\":\"" + basic + "\"}}}");
        Json hub = decode(a.headerFor("busybox"));
        assertEquals("me", hub.get("username").asText());
        assertEquals("pa:ss", hub.get("password").asText());
        assertEquals("https://index.docker.io/v1/", hub.get("serveraddress").asText());
        assertEquals("127.0.0.1:5000", decode(a.headerFor("127.0.0.1:5000/x")).get("serveraddress").asText());
        assertNull(a.headerFor("ghcr.io/o/x"));
    }

    @Test
    void credHelpersThenCredsStoreThenAuths() throws IOException {
        RegistryAuth a = auth("{\"credsStore\":\"store\",\"credHelpers\":{\"ghcr.io\":\"gh\",\"q.io\":\"none\"},"
                + "\"auths\":{\"q.io\":{\"identitytoken\":\"tok\"}}}");
        assertEquals("docker-credential-gh", decode(a.headerFor("ghcr.io/o/x")).get("username").asText());
        assertEquals("docker-credential-store", decode(a.headerFor("busybox")).get("username").asText());
        assertEquals("tok", decode(a.headerFor("q.io/x")).get("identitytoken").asText(), "helper had nothing: auths");
        assertEquals(List.of("docker-credential-gh ghcr.io", "docker-credential-store https://index.docker.io/v1/",
                "docker-credential-none q.io"), helperCalls);
    }

    @Test
    void noConfigMeansAnonymous() {
        RegistryAuth a = new RegistryAuth(DockerCliConfig.of(Map.of("DOCKER_CONFIG", dir.resolve("none").toString())),
                (p, i) -> { throw new AssertionError("no helper expected"); });
        assertNull(a.headerFor("busybox"));
    }
}
