package io.dockerdebug.docker;

import io.dockerdebug.json.Json;
import io.dockerdebug.threads.Threads;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Registry credentials for pulls, from the docker CLI's {@code config.json}: {@code credHelpers}
 * for the registry, else {@code credsStore}, through the {@code docker-credential-NAME} helper
 * programs, else {@code auths}. The result is the engine's {@code X-Registry-Auth} header.
 */
public final class RegistryAuth {
    static final String DOCKER_HUB = "https://index.docker.io/v1/";

    /** Runs a credential helper: program name, input; returns its stdout or null when it fails. */
    interface HelperRunner {
        String run(String program, String input) throws IOException;
    }

    private final DockerCliConfig cli;
    private final HelperRunner helpers;

    RegistryAuth(DockerCliConfig cli, HelperRunner helpers) {
        this.cli = cli;
        this.helpers = helpers;
    }

    /** With the default timeout for credential helpers. */
    public static RegistryAuth fromEnv(Map<String, String> env) {
        return fromEnv(env, DockerEndpoint.DEFAULT_TIMEOUT);
    }

    /** {@code timeout}: how long a credential helper may take. */
    public static RegistryAuth fromEnv(Map<String, String> env, Duration timeout) {
        return new RegistryAuth(DockerCliConfig.of(env), (program, input) -> runHelper(program, input, timeout));
    }

    /** The registry host of an image reference as the docker CLI reads it ("docker.io" for Docker Hub). */
    static String registryOf(String image) {
        int slash = image.indexOf('/');
        if (slash < 0) {
            return "docker.io";
        }
        String first = image.substring(0, slash);
        if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            return first.equals("index.docker.io") || first.equals("registry-1.docker.io") ? "docker.io" : first;
        }
        return "docker.io";
    }

    /** The X-Registry-Auth value for pulling {@code image}, or null when no credentials are known. */
    public String headerFor(String image) {
        String registry = registryOf(image);
        String serverAddress = registry.equals("docker.io") ? DOCKER_HUB : registry;
        Json config = cli.configFile();
        String helper = null;
        for (var e : config.path("credHelpers").properties().entrySet()) {
            if (hostOf(e.getKey()).equals(registry) || e.getKey().equals(serverAddress)) {
                helper = e.getValue().asText();
            }
        }
        if (helper == null && config.path("credsStore").isTextual() && !config.path("credsStore").asText().isEmpty()) {
            helper = config.path("credsStore").asText();
        }
        if (helper != null) {
            String fromHelper = fromHelper(helper, serverAddress);
            if (fromHelper != null) {
                return fromHelper;
            }
        }
        for (var e : config.path("auths").properties().entrySet()) {
            if (hostOf(e.getKey()).equals(registry)) {
                return fromAuthsEntry(e.getValue(), serverAddress);
            }
        }
        return null;
    }

    private String fromHelper(String helper, String serverAddress) {
        String out;
        try {
            out = helpers.run("docker-credential-" + helper, serverAddress);
        } catch (IOException e) {
            throw new EngineException("credential helper docker-credential-" + helper + " failed: " + e.getMessage(), e);
        }
        if (out == null || out.isBlank()) {
            return null; // "credentials not found": pull without
        }
        try {
            Json creds = Json.parse(out);
            String user = creds.path("Username").asText("");
            String secret = creds.path("Secret").asText("");
            Json auth = Json.object();
            if (user.equals("<token>")) {
                auth.put("identitytoken", secret);
            } else {
                auth.put("username", user);
                auth.put("password", secret);
            }
            auth.put("serveraddress", serverAddress);
            return encode(auth);
        } catch (Json.JsonException e) {
            throw new EngineException("credential helper docker-credential-" + helper + " answered no JSON", e);
        }
    }

    private static String fromAuthsEntry(Json entry, String serverAddress) {
        Json auth = Json.object();
        String encoded = entry.path("auth").asText("");
        if (!encoded.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new EngineException(0, "invalid \"auth\" for " + serverAddress + " in the docker CLI config");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new EngineException(0, "invalid \"auth\" for " + serverAddress + " in the docker CLI config");
            }
            auth.put("username", decoded.substring(0, colon));
            auth.put("password", decoded.substring(colon + 1));
        } else {
            if (entry.hasNonNull("username")) {
                auth.put("username", entry.path("username").asText());
            }
            if (entry.hasNonNull("password")) {
                auth.put("password", entry.path("password").asText());
            }
        }
        if (entry.hasNonNull("identitytoken")) {
            auth.put("identitytoken", entry.path("identitytoken").asText());
        }
        if (auth.size() == 0) {
            return null;
        }
        auth.put("serveraddress", serverAddress);
        return encode(auth);
    }

    /** "https://index.docker.io/v1/" → "docker.io", "http://r:5000/x" → "r:5000", as the CLI's ConvertToHostname. */
    static String hostOf(String key) {
        String k = key;
        if (k.startsWith("http://")) {
            k = k.substring(7);
        } else if (k.startsWith("https://")) {
            k = k.substring(8);
        }
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        return k.equals("index.docker.io") || k.equals("registry-1.docker.io") ? "docker.io" : k;
    }

    private static String encode(Json auth) {
        return Base64.getUrlEncoder().encodeToString(auth.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code program get} with {@code input}; its stdout, or null when it fails. Output is
     * read while waiting, so a helper that never ends (or never exits after writing) is killed,
     * with its children, at the deadline instead of hanging the session.
     */
    static String runHelper(String program, String input, Duration timeout) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(program, "get").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + program + " (is it on PATH?)", e);
        }
        CompletableFuture<byte[]> out = new CompletableFuture<>();
        Threads.daemon("credential-helper", () -> {
            try (InputStream in = p.getInputStream()) {
                out.complete(in.readNBytes(1 << 20));
            } catch (IOException e) {
                out.completeExceptionally(e);
            }
        });
        try {
            try (OutputStream stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a helper that does not read its input: its answer (or exit code) tells
            }
            byte[] answer;
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new IOException(program + " did not answer within " + CallDeadline.format(timeout));
            }
            try {
                // The helper ended; a child still holding its stdout gets no more than the same wait.
                answer = out.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                throw new IOException(program + " did not answer within " + CallDeadline.format(timeout));
            } catch (ExecutionException e) {
                throw new IOException("reading the answer of " + program + ": " + e.getCause().getMessage(), e);
            }
            return p.exitValue() == 0 ? new String(answer, StandardCharsets.UTF_8) : null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
