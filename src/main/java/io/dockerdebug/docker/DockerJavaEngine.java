package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** The newest Engine API version we speak; older engines get their own (negotiated at the first call). */
    public static final String MAX_API_VERSION = "1.51";
    /** What the docker CLI assumes when the engine does not say. */
    private static final String FALLBACK_API_VERSION = "1.24";

    private final DockerHttpClient http;
    private final Transport transport;
    private final DockerEndpoint endpoint;
    private final java.net.URI host;
    private final RegistryAuth registryAuth;
    /** Deadline of every non-streaming call (connect included). */
    private final Duration timeout;
    private final SocketForwarder forwarder;
    private final SshCommand ssh;
    private volatile String prefix;
    private volatile String apiVersion;

    public DockerJavaEngine(DockerEndpoint endpoint) {
        this(endpoint, DockerEndpoint.DEFAULT_TIMEOUT, null);
    }

    /** {@code registryAuth}: credentials for pulls, or null to pull anonymously. */
    public DockerJavaEngine(DockerEndpoint endpoint, Duration timeout, RegistryAuth registryAuth) {
        this(endpoint, timeout, registryAuth, null);
    }

    /** {@code tlsContext}: a TLS context the caller made, or null to build one from the endpoint's files. */
    public DockerJavaEngine(DockerEndpoint endpoint, Duration timeout, RegistryAuth registryAuth,
                            javax.net.ssl.SSLContext tlsContext) {
        this.endpoint = endpoint;
        this.host = endpoint.host();
        this.registryAuth = registryAuth;
        this.timeout = timeout;
        ApacheDockerHttpClient.Builder builder = new ApacheDockerHttpClient.Builder()
                .maxConnections(16)
                .connectionTimeout(timeout);
        // Only for TLS: building an SSL context costs ~0.5 s at start-up.
        javax.net.ssl.SSLContext tls = !endpoint.usesTls() ? null : tlsContext != null ? tlsContext : Tls.context(endpoint);
        if (endpoint.isSsh()) {
            this.ssh = SshCommand.of(endpoint.host());
            this.transport = ssh::connect;
        } else {
            this.ssh = null;
            this.transport = Transport.forEndpoint(endpoint, timeout, tls);
        }
        if (endpoint.isSsh() || (endpoint.usesTls() && !endpoint.tlsVerify())) {
            // docker-java cannot run ssh, nor skip its host name check: it gets a private unix
            // socket whose connections each go through our own transport.
            this.forwarder = new SocketForwarder(transport);
            builder.dockerHost(java.net.URI.create("unix://" + forwarder.socket()));
        } else {
            this.forwarder = null;
            builder.dockerHost(endpoint.host());
            if (tls != null) {
                javax.net.ssl.SSLContext ctx = tls;
                builder.sslConfig(() -> ctx);
            }
        }
        // Plain endpoints go through our own transport (EngineHttp): building this client sets up
        // TLS and reads the JDK's trust store, a third of a one-off session's start-up.
        this.http = endpoint.isSsh() || endpoint.usesTls() ? builder.build() : null;
        String pinned = endpoint.apiVersion();
        if (pinned != null && !pinned.isBlank()) {
            this.apiVersion = pinned.startsWith("v") ? pinned.substring(1) : pinned;
            this.prefix = "/v" + apiVersion;
        }
    }

    /** The API version in use: pinned, or the lower of the engine's and {@link #MAX_API_VERSION}. */
    public String apiVersion() {
        negotiate();
        return apiVersion;
    }

    private String prefix() {
        negotiate();
        return prefix;
    }

    private void negotiate() {
        if (prefix != null) {
            return;
        }
        synchronized (this) {
            if (prefix != null) {
                return;
            }
            String server;
            try {
                server = ping();
            } catch (CallDeadline.Expired e) {
                throw noAnswer("GET", "/_ping");
            } catch (IOException e) {
                throw new EngineException("lost the connection to the Docker engine: " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw unreachable(e);
            }
            String chosen = server == null || server.isBlank() ? FALLBACK_API_VERSION
                    : compareVersions(server, MAX_API_VERSION) < 0 ? server : MAX_API_VERSION;
            apiVersion = chosen;
            prefix = "/v" + chosen;
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parseInt(x[i]) : 0;
            int q = i < y.length ? parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The engine as {@code docker version} / {@code docker info} see it. */
    public record ServerInfo(String version, String apiVersion, String minApiVersion, String os, String arch,
                             String storageDriver, String name) {
    }

    public ServerInfo serverInfo() {
        JsonNode version = call("GET", "/version", null);
        JsonNode info = call("GET", "/info", null);
        return new ServerInfo(text(version, "Version"), text(version, "ApiVersion"), text(version, "MinAPIVersion"),
                text(version, "Os"), text(version, "Arch"), text(info, "Driver"), text(info, "Name"));
    }

    /**
     * Initializes the JSON machinery (class loading and static set-up, ~20 ms even from the AOT
     * cache) so that a thread started early can do it while the command line is being parsed.
     */
    public static void warmUp() {
        try {
            JsonNode node = JSON.readTree("{\"Id\":\"x\",\"State\":{\"Running\":true,\"Pid\":1},\"Mounts\":[],"
                    + "\"Config\":{\"Labels\":{\"a\":\"b\"}},\"GraphDriver\":{\"Data\":null}}");
            ContainerDetails.fromInspect(node);
            ObjectNode body = JSON.createObjectNode();
            strings(body.putArray("Cmd"), List.of("true"));
            body.putObject("HostConfig").put("AutoRemove", true);
            body.toString();
        } catch (IOException | RuntimeException ignored) {
            // only a warm-up
        }
    }

    @Override
    public ContainerDetails inspectContainer(String idOrName) {
        return ContainerDetails.fromInspect(call("GET", "/containers/" + enc(idOrName) + "/json", null));
    }

    @Override
    public ImageTarget inspectImage(String image) {
        JsonNode json;
        try {
            json = call("GET", "/images/" + enc(image) + "/json", null);
        } catch (EngineException e) {
            if (e.status() == 404) {
                throw new NoSuchImageException("no such image: " + image);
            }
            throw e;
        }
        JsonNode version = call("GET", "/version", null);
        return new ImageTarget(text(json, "Id"), text(json, "Os") + "/" + text(json, "Architecture"),
                text(version, "Os") + "/" + text(version, "Arch"), ContainerDetails.layers(json, false));
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
            String query = spec.name() == null ? "" : "?name=" + enc(spec.name());
            return call("POST", "/containers/create" + query, body).path("Id").asText();
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
        try (Body response = execute("POST", path, null, registryAuth == null ? null : registryAuth.headerFor(image), null)) {
            InputStream body = response.body();
            if (response.status() >= 300) {
                throw new EngineException(response.status(), EngineErrors.message(body.readAllBytes(), response.status()));
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
                prefix() + "/containers/" + enc(containerId) + "/attach?stream=1&stdin=1&stdout=0&stderr=0", null);
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
        return HttpUpgrade.post(transport, prefix() + "/exec/" + enc(execId) + "/start",
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
    public List<ContainerSummary> listContainers(ContainerFilter filter) {
        ObjectNode filters = JSON.createObjectNode();
        if (!filter.labels().isEmpty()) {
            ArrayNode label = filters.putArray("label");
            filter.labels().forEach((k, v) -> label.add(v == null ? k : k + "=" + v));
        }
        if (!filter.ids().isEmpty()) {
            strings(filters.putArray("id"), filter.ids());
        }
        JsonNode list = call("GET", "/containers/json?all=1&filters=" + enc(filters.toString()), null);
        List<ContainerSummary> all = new ArrayList<>();
        list.forEach(c -> all.add(ContainerSummary.fromList(c)));
        return all;
    }

    @Override
    public ContainerOrigin origin(String containerId) {
        JsonNode c = call("GET", "/containers/" + enc(containerId) + "/json", null);
        JsonNode config = c.path("Config");
        JsonNode image = call("GET", "/images/" + enc(c.path("Image").asText()) + "/json", null);
        return new ContainerOrigin(c.path("Id").asText(), labels(config.path("Labels")),
                labels(image.path("Config").path("Labels")), stringList(config.path("Entrypoint")),
                stringList(config.path("Cmd")), config.path("OpenStdin").asBoolean(false),
                c.path("HostConfig").path("AutoRemove").asBoolean(false), c.path("HostConfig").path("PidMode").asText(""));
    }

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> all = new HashMap<>();
        labels.properties().forEach(e -> all.put(e.getKey(), e.getValue().asText()));
        return all;
    }

    private static List<String> stringList(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(e -> all.add(e.asText()));
        return all;
    }

    @Override
    public String awaitEnd(List<String> containerIds) {
        ObjectNode filters = JSON.createObjectNode();
        filters.putArray("type").add("container");
        // Podman 4 filters on its own names for the same events.
        strings(filters.putArray("event"), List.of("die", "destroy", "died", "remove"));
        strings(filters.putArray("container"), containerIds);
        // Our own connection: the pooled client's close would drain an endless events stream.
        return EventStream.awaitFirst(transport, prefix() + "/events?filters=" + enc(filters.toString()));
    }

    @Override
    public ContainerEvents containerEvents() {
        ObjectNode filters = JSON.createObjectNode();
        filters.putArray("type").add("container");
        EngineHttp.Response response;
        try {
            // Our own connection: the stream never ends by itself.
            response = send("GET", prefix() + "/events?filters=" + enc(filters.toString()), null, Map.of(), null);
            if (response.status != 200) {
                byte[] error = response.readAll();
                response.close();
                throw new EngineException(response.status, EngineErrors.message(error, response.status));
            }
        } catch (IOException e) {
            throw new EngineException("lost the connection to the Docker engine: " + e.getMessage(), e);
        }
        return JsonEvents.of(JSON, response);
    }

    @Override
    public void close() {
        try {
            if (http != null) {
                http.close();
            }
        } catch (IOException ignored) {
            // process is ending
        }
        if (forwarder != null) {
            forwarder.close();
        }
    }

    private JsonNode call(String method, String path, JsonNode body) {
        try {
            Answer answer = answer(method, path, body);
            if (answer.status() >= 300) {
                throw new EngineException(answer.status(), EngineErrors.message(answer.body(), answer.status()));
            }
            return answer.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(answer.body());
        } catch (CallDeadline.Expired e) {
            throw noAnswer(method, path);
        } catch (IOException e) {
            throw new EngineException("lost the connection to the Docker engine: " + e.getMessage(), e);
        } catch (EngineException e) {
            throw e;
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    private record Answer(int status, byte[] body) {
    }

    /** A whole non-streaming exchange, within the timeout on either client. */
    private Answer answer(String method, String path, JsonNode body) throws IOException {
        if (http == null) {
            try (Body response = execute(method, path, body, null, timeout)) {
                return new Answer(response.status(), response.body().readAllBytes());
            }
        }
        prefix(); // negotiated (within its own deadline) before the exchange is timed
        return CallDeadline.within(timeout, () -> {
            try (Body response = execute(method, path, body, null, null)) {
                return new Answer(response.status(), response.body().readAllBytes());
            }
        });
    }

    /** One line naming what did not answer: the engine, the call and the wait. */
    private EngineException noAnswer(String method, String path) {
        int query = path.indexOf('?');
        return new EngineException(0, "the Docker engine at " + host + " did not answer " + method + " "
                + (query < 0 ? path : path.substring(0, query)) + " within " + CallDeadline.format(timeout)
                + " (the timeout of the config file)");
    }

    /** A response being read: status and body, on our transport or docker-java's client (TLS). */
    private record Body(int status, InputStream body, AutoCloseable closer) implements AutoCloseable {
        @Override
        public void close() {
            try {
                closer.close();
            } catch (Exception ignored) {
                // closing a finished exchange
            }
        }
    }

    /** {@code deadline}: for a non-streaming exchange on our transport; null for a stream. */
    private Body execute(String method, String path, JsonNode body, String registryAuthHeader, Duration deadline)
            throws IOException {
        if (http != null) {
            DockerHttpClient.Response response = http.execute(request(method, path, body, registryAuthHeader));
            InputStream in = response.getBody() == null ? InputStream.nullInputStream() : response.getBody();
            return new Body(response.getStatusCode(), in, response);
        }
        byte[] bytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
        EngineHttp.Response response = send(method, prefix() + path, bytes,
                registryAuthHeader == null ? Map.of() : Map.of("X-Registry-Auth", registryAuthHeader), deadline);
        return new Body(response.status, response.body, response);
    }

    private EngineHttp.Response send(String method, String path, byte[] body, Map<String, String> headers,
                                     Duration deadline) throws IOException {
        try {
            return EngineHttp.send(transport, method, path, body, headers, false, deadline);
        } catch (EngineHttp.ConnectException e) {
            throw unreachable(e);
        }
    }

    /** The engine's API version from {@code GET /_ping}, or null when it does not say. */
    private String ping() throws IOException {
        if (http != null) {
            Request ping = Request.builder().method("GET").path("/_ping").build();
            return CallDeadline.within(timeout, () -> {
                try (DockerHttpClient.Response response = http.execute(ping)) {
                    if (response.getBody() != null) {
                        response.getBody().readAllBytes();
                    }
                    return response.getHeader("Api-Version");
                }
            });
        }
        try (EngineHttp.Response response = send("GET", "/_ping", null, Map.of(), timeout)) {
            response.readAll();
            return response.header("api-version");
        }
    }

    /**
     * One message per way of not reaching the engine, whichever client failed: docker-java wraps
     * connection failures (no socket, refused, TLS) in runtime exceptions, ours are ConnectExceptions.
     */
    private EngineException unreachable(Exception e) {
        if (e instanceof EngineException ee) {
            return ee;
        }
        String sshError = ssh == null ? "" : ssh.lastError();
        if (!sshError.isEmpty()) {
            return new EngineException("cannot connect to the Docker engine at " + host + " through ssh: "
                    + sshError.lines().reduce((a, b) -> b).orElse(sshError), e);
        }
        String root = rootMessage(e);
        if (root.toLowerCase(java.util.Locale.ROOT).contains("permission denied")) {
            // As the docker CLI says it: the engine runs, we may not use its socket.
            return new EngineException("permission denied while trying to connect to the Docker engine at " + host
                    + " (is this user allowed to use it, e.g. in the docker group?)", e);
        }
        Throwable cause = forwarder != null && forwarder.lastFailure() != null ? forwarder.lastFailure() : e;
        if (endpoint.usesTls() || hasCause(e, javax.net.ssl.SSLException.class)) {
            // TLS 1.3 reports a rejected client certificate as a broken connection after the handshake.
            return new EngineException("TLS connection to the Docker engine at " + host + " failed: " + rootMessage(cause)
                    + (endpoint.tlsCertDir() == null ? "" : " (certificates from " + endpoint.tlsCertDir()
                    + "; is the client certificate one the engine trusts?)"), e);
        }
        return new EngineException("cannot connect to the Docker engine at " + host + ": " + rootMessage(cause)
                + ". Is the docker daemon running?", e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private Request request(String method, String path, JsonNode body) {
        return request(method, path, body, null);
    }

    private Request request(String method, String path, JsonNode body, String registryAuthHeader) {
        Request.Builder builder = Request.builder().method(method).path(prefix() + path);
        if (registryAuthHeader != null) {
            builder.putHeader("X-Registry-Auth", registryAuthHeader);
        }
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

    /** Escapes a path segment or query value: a space is %20 in both (the engine reads "+" in a path as is). */
    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
