package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The docker CLI's own settings under {@code $DOCKER_CONFIG} (default {@code ~/.docker}):
 * {@code config.json} and the contexts store ({@code contexts/meta/<sha256 of name>/meta.json},
 * TLS files in {@code contexts/tls/<sha256 of name>/docker/}). Read only, on demand.
 */
public final class DockerCliConfig {
    private final Path dir;

    private DockerCliConfig(Path dir) {
        this.dir = dir;
    }

    public static DockerCliConfig of(Map<String, String> env) {
        String d = env.get("DOCKER_CONFIG");
        if (d != null && !d.isEmpty()) {
            return new DockerCliConfig(Path.of(d));
        }
        return new DockerCliConfig(UserHome.of(env).resolve(".docker"));
    }

    /** The names of the docker CLI's contexts (contexts/meta/ID/meta.json), sorted by id; none when unreadable. */
    public java.util.List<String> contextNames() {
        Path meta = dir().resolve("contexts").resolve("meta");
        java.util.List<String> names = new java.util.ArrayList<>();
        try (var dirs = Files.list(meta)) {
            for (Path d : dirs.sorted().toList()) {
                Json n = Json.parse(Files.readAllBytes(d.resolve("meta.json"))).path("Name");
                if (n.isTextual()) {
                    names.add(n.asText());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no contexts, or unreadable: none listed
        }
        return names;
    }

    public Path dir() {
        return dir;
    }

    public Path configJson() {
        return dir.resolve("config.json");
    }

    /** config.json, or an empty object when there is none. */
    public Json configFile() {
        Path file = configJson();
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length == 0 || new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                return Json.object();
            }
            Json node = Json.parse(bytes);
            return node.isObject() ? node : Json.object();
        } catch (NoSuchFileException e) {
            return Json.object();
        } catch (IOException | Json.JsonException e) {
            throw new EngineException("cannot read the docker CLI config " + file + ": " + firstLine(e.getMessage()), e);
        }
    }

    /** {@code currentContext} of config.json; null when unset. */
    public String currentContext() {
        Json n = configFile().path("currentContext");
        return !n.isTextual() || n.asText().isEmpty() ? null : n.asText();
    }

    /** A docker context's engine endpoint; an unknown name is an error naming it. */
    public DockerEndpoint context(String name, String apiVersion, String source) {
        String id = sha256(name);
        Path meta = dir.resolve("contexts").resolve("meta").resolve(id).resolve("meta.json");
        Json json;
        try {
            json = Json.parse(Files.readAllBytes(meta));
        } catch (NoSuchFileException e) {
            throw new EngineException(0, "context \"" + name + "\" does not exist (no " + meta + ")");
        } catch (IOException | Json.JsonException e) {
            throw new EngineException("cannot read context \"" + name + "\" from " + meta + ": "
                    + firstLine(e.getMessage()), e);
        }
        Json docker = json.path("Endpoints").path("docker");
        String host = docker.path("Host").asText("");
        if (host.isEmpty()) {
            throw new EngineException(0, "context \"" + name + "\" has no docker endpoint (" + meta + ")");
        }
        boolean skipVerify = docker.path("SkipTLSVerify").asBoolean(false);
        Path tlsDir = dir.resolve("contexts").resolve("tls").resolve(id).resolve("docker");
        boolean hasTlsFiles = Files.isDirectory(tlsDir);
        URI uri;
        try {
            uri = DockerEndpoint.parseHost(host);
        } catch (IllegalArgumentException e) {
            throw new EngineException(0, "context \"" + name + "\": " + e.getMessage());
        }
        // As the docker CLI: TLS when the context has TLS files or skips verification.
        boolean tls = hasTlsFiles || skipVerify;
        return new DockerEndpoint(uri, tls, hasTlsFiles ? tlsDir : null, tls && !skipVerify, apiVersion,
                "context \"" + name + "\" (" + source + ")");
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
