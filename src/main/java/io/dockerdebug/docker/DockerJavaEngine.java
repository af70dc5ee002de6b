package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient.Request;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link DockerEngine} over docker-java's httpclient5 transport, speaking the Engine API's
 * JSON directly (we need raw inspect fields docker-java's model lacks, and the engine's own
 * error messages). Streams go through {@link HttpUpgrade} on our own connection.
 */
public final class DockerJavaEngine implements DockerEngine {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;
    private final Transport transport;
    private final String prefix;
    private final java.net.URI host;

    public DockerJavaEngine(DockerEndpoint endpoint) {
        ApacheDockerHttpClient.Builder builder = new ApacheDockerHttpClient.Builder()
                .dockerHost(endpoint.host())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(10));
        if (endpoint.usesTls()) {
            // Only for TLS: building an SSL context costs ~0.5 s at start-up.
            builder.sslConfig(new LocalDirectorySSLConfig(endpoint.tlsCertDir().toString()));
        }
        this.http = builder.build();
        this.transport = Transport.forEndpoint(endpoint);
        this.host = endpoint.host();
        // No version prefix means "the server's own version": no "client version is too new".
        this.prefix = endpoint.apiVersion() == null || endpoint.apiVersion().isBlank() ? "" : "/v" + endpoint.apiVersion();
    }

    @Override
    public ContainerDetails inspectContainer(String idOrName) {
        return ContainerDetails.fromInspect(call("GET", "/containers/" + enc(idOrName) + "/json", null));
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        ObjectNode body = JSON.createObjectNode();
        body.put("Image", spec.image());
        strings(body.putArray("Entrypoint"), spec.entrypoint());
        body.putArray("Cmd");
        ObjectNode labels = body.putObject("Labels");
        spec.labels().forEach(labels::put);
        body.put("OpenStdin", spec.openStdin());
        body.put("StdinOnce", spec.openStdin());
        body.put("AttachStdin", spec.openStdin());
        body.put("AttachStdout", false);
        body.put("AttachStderr", false);
        body.put("Tty", false);
        ObjectNode host = body.putObject("HostConfig");
        strings(host.putArray("Binds"), spec.binds());
        putIfSet(host, "PidMode", spec.pidMode());
        putIfSet(host, "NetworkMode", spec.networkMode());
        putIfSet(host, "IpcMode", spec.ipcMode());
        host.put("Privileged", spec.privileged());
        strings(host.putArray("CapAdd"), spec.capAdd());
        strings(host.putArray("SecurityOpt"), spec.securityOpt());
        host.put("AutoRemove", spec.autoRemove());
        try {
            return call("POST", "/containers/create", body).path("Id").asText();
        } catch (EngineException e) {
            if (e.isNotFound() && e.getMessage().toLowerCase().contains("image")) {
                throw new NoSuchImageException(e.getMessage());
            }
            throw e;
        }
    }

    @Override
    public void pullImage(String image, PullListener listener) {
        ImageReference ref = ImageReference.parse(image);
        String path = "/images/create?fromImage=" + enc(ref.repository()) + "&tag=" + enc(ref.tagOrDigest());
        Request request = request("POST", path, null);
        try (DockerHttpClient.Response response = http.execute(request)) {
            InputStream body = response.getBody();
            if (response.getStatusCode() >= 300) {
                throw new EngineException(response.getStatusCode(),
                        EngineErrors.message(body.readAllBytes(), response.getStatusCode()));
            }
            try (MappingIterator<JsonNode> messages = JSON.readerFor(JsonNode.class).readValues(body)) {
                while (messages.hasNext()) {
                    JsonNode m = messages.next();
                    if (m.hasNonNull("error")) {
                        throw new EngineException(0, m.get("error").asText());
                    }
                    listener.onProgress(text(m, "id"), text(m, "status"), text(m, "progress"));
                }
            }
        } catch (IOException e) {
            throw new EngineException("pulling " + image + " failed: " + e.getMessage(), e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    @Override
    public RawConnection attachStdin(String containerId) {
        return HttpUpgrade.post(transport,
                prefix + "/containers/" + enc(containerId) + "/attach?stream=1&stdin=1&stdout=0&stderr=0", null);
    }

    @Override
    public void startContainer(String containerId) {
        call("POST", "/containers/" + enc(containerId) + "/start", null);
    }

    @Override
    public String createExec(String containerId, ExecSpec spec) {
        ObjectNode body = JSON.createObjectNode();
        body.put("AttachStdin", true);
        body.put("AttachStdout", true);
        body.put("AttachStderr", true);
        body.put("Tty", spec.tty());
        strings(body.putArray("Cmd"), spec.cmd());
        strings(body.putArray("Env"), spec.env());
        putIfSet(body, "User", spec.user());
        putIfSet(body, "WorkingDir", spec.workingDir());
        return call("POST", "/containers/" + enc(containerId) + "/exec", body).path("Id").asText();
    }

    @Override
    public RawConnection startExec(String execId, boolean tty) {
        return HttpUpgrade.post(transport, prefix + "/exec/" + enc(execId) + "/start",
                "{\"Detach\":false,\"Tty\":" + tty + "}");
    }

    @Override
    public void resizeExec(String execId, int width, int height) {
        call("POST", "/exec/" + enc(execId) + "/resize?h=" + height + "&w=" + width, null);
    }

    @Override
    public ExecState inspectExec(String execId) {
        JsonNode json = call("GET", "/exec/" + enc(execId) + "/json", null);
        JsonNode code = json.path("ExitCode");
        return new ExecState(json.path("Running").asBoolean(false), code.isNumber() ? code.asInt() : null);
    }

    @Override
    public void removeContainer(String containerId) {
        try {
            call("DELETE", "/containers/" + enc(containerId) + "?force=1&v=1", null);
        } catch (EngineException e) {
            // Gone already (AutoRemove won the race) or being removed by the engine: both fine.
            if (!e.isNotFound() && e.status() != 409) {
                throw e;
            }
        }
    }

    @Override
    public List<String> listContainers(Map<String, String> labels) {
        ObjectNode filters = JSON.createObjectNode();
        ArrayNode label = filters.putArray("label");
        labels.forEach((k, v) -> label.add(v == null ? k : k + "=" + v));
        JsonNode list = call("GET", "/containers/json?all=1&filters=" + enc(filters.toString()), null);
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.path("Id").asText()));
        return ids;
    }

    @Override
    public List<ContainerSummary> findContainers(Map<String, String> labels) {
        ObjectNode filters = JSON.createObjectNode();
        ArrayNode label = filters.putArray("label");
        labels.forEach((k, v) -> label.add(v == null ? k : k + "=" + v));
        JsonNode list = call("GET", "/containers/json?all=1&filters=" + enc(filters.toString()), null);
        List<ContainerSummary> found = new ArrayList<>();
        for (JsonNode c : list) {
            Map<String, String> l = new HashMap<>();
            c.path("Labels").properties().forEach(e -> l.put(e.getKey(), e.getValue().asText()));
            found.add(new ContainerSummary(c.path("Id").asText(), c.path("State").asText(""),
                    c.path("Created").asLong(0), l));
        }
        return found;
    }

    @Override
    public String awaitEnd(List<String> containerIds) {
        ObjectNode filters = JSON.createObjectNode();
        filters.putArray("type").add("container");
        strings(filters.putArray("event"), List.of("die", "destroy"));
        strings(filters.putArray("container"), containerIds);
        // Our own connection: the pooled client's close would drain an endless events stream.
        return EventStream.awaitFirst(transport, prefix + "/events?filters=" + enc(filters.toString()));
    }

    @Override
    public void close() {
        try {
            http.close();
        } catch (IOException ignored) {
            // process is ending
        }
    }

    private JsonNode call(String method, String path, JsonNode body) {
        Request request = request(method, path, body);
        try (DockerHttpClient.Response response = http.execute(request)) {
            byte[] bytes = response.getBody() == null ? new byte[0] : response.getBody().readAllBytes();
            int status = response.getStatusCode();
            if (status >= 300) {
                throw new EngineException(status, EngineErrors.message(bytes, status));
            }
            return bytes.length == 0 ? JSON.createObjectNode() : JSON.readTree(bytes);
        } catch (IOException e) {
            throw new EngineException("lost the connection to the Docker engine: " + e.getMessage(), e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /** docker-java wraps connection failures (no socket, refused, TLS) in runtime exceptions. */
    private EngineException unreachable(RuntimeException e) {
        String root = rootMessage(e);
        if (root.toLowerCase(java.util.Locale.ROOT).contains("permission denied")) {
            // As the docker CLI says it: the engine runs, we may not use its socket.
            return new EngineException("permission denied while trying to connect to the Docker engine at " + host
                    + " (is this user allowed to use it, e.g. in the docker group?)", e);
        }
        return new EngineException("cannot connect to the Docker engine at " + host + ": " + rootMessage(e)
                + ". Is the docker daemon running?", e);
    }

    private Request request(String method, String path, JsonNode body) {
        Request.Builder builder = Request.builder().method(method).path(prefix + path);
        if (body != null) {
            builder.putHeader("Content-Type", "application/json");
            builder.bodyBytes(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
