package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link DockerEngine} on the Engine API, speaking its JSON directly (we need raw inspect fields
 * docker-java's model lacks, and the engine's own error messages): which call serves which
 * method. The calls go through {@link EngineClient}, one transport for every kind of engine;
 * the JSON is mapped beside the records ({@link ContainerSpec#toCreateBody()} and the like).
 */
public final class HttpDockerEngine implements DockerEngine {
    /**
     * How long a pull's first answer may take: the engine answers once the registry sent the
     * image's manifest (authentication, a slow registry), far longer than a call; bounded all the same.
     */
    private static final Duration PULL_HEAD_TIMEOUT = Duration.ofMinutes(5);
    private final EngineClient client;
    private final RegistryAuth registryAuth;

    public HttpDockerEngine(DockerEndpoint endpoint) {
        this(endpoint, DockerEndpoint.DEFAULT_TIMEOUT, null);
    }

    /** {@code registryAuth}: credentials for pulls, or null to pull anonymously. */
    public HttpDockerEngine(DockerEndpoint endpoint, Duration timeout, RegistryAuth registryAuth) {
        this(endpoint, timeout, registryAuth, null);
    }

    /** {@code tlsContext}: a TLS context the caller made, or null to build one from the endpoint's files. */
    public HttpDockerEngine(DockerEndpoint endpoint, Duration timeout, RegistryAuth registryAuth, SSLContext tlsContext) {
        this.client = new EngineClient(endpoint, timeout, tlsContext);
        this.registryAuth = registryAuth;
    }

    /** The API version in use: pinned, or the lower of the engine's and {@link ApiVersion#MAX}. */
    public String apiVersion() {
        return client.apiVersion();
    }

    /** The engine as {@code docker version} / {@code docker info} see it, with the API version in use. */
    public io.dockerdebug.ServerInfo serverInfo() {
        String used = apiVersion();
        Json version = client.call("GET", "/version", null);
        Json info = client.call("GET", "/info", null);
        return new io.dockerdebug.ServerInfo(version.text("Version"), version.text("ApiVersion"),
                version.text("MinAPIVersion"), version.text("Os"), version.text("Arch"), info.text("Driver"),
                info.text("Name"), used);
    }

    /**
     * Initializes the JSON machinery (class loading and static set-up, ~20 ms even from the AOT
     * cache) so that a thread started early can do it while the command line is being parsed.
     */
    public static void warmUp() {
        try {
            Json node = Json.parse("{\"Id\":\"x\",\"State\":{\"Running\":true,\"Pid\":1},\"Mounts\":[],"
                    + "\"Config\":{\"Labels\":{\"a\":\"b\"}},\"GraphDriver\":{\"Data\":null}}");
            ContainerDetails.fromInspect(node);
            new ExecSpec(List.of("true"), false, null, null, List.of()).toCreateBody().toBytes();
        } catch (RuntimeException ignored) {
            // only a warm-up
        }
    }

    @Override
    public ContainerDetails inspectContainer(String idOrName) {
        return ContainerDetails.fromInspect(client.call("GET", "/containers/" + enc(idOrName) + "/json", null));
    }

    @Override
    public ImageTarget inspectImage(String image) {
        Json json;
        try {
            json = client.call("GET", "/images/" + enc(image) + "/json", null);
        } catch (EngineException e) {
            if (e.status() == 404) {
                throw new NoSuchImageException("no such image: " + image);
            }
            throw e;
        }
        Json version = client.call("GET", "/version", null);
        return new ImageTarget(json.path("Id").asText(), json.path("Os").asText() + "/" + json.path("Architecture").asText(),
                version.path("Os").asText() + "/" + version.path("Arch").asText(), ContainerDetails.layers(json, false));
    }

    @Override
    public String createContainer(ContainerSpec spec) {
        try {
            String query = spec.name() == null ? "" : "?name=" + enc(spec.name());
            return client.call("POST", "/containers/create" + query, spec.toCreateBody()).path("Id").asText();
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
        String header = registryAuth == null ? null : registryAuth.headerFor(image);
        Map<String, String> auth = header == null ? Map.of() : Map.of("X-Registry-Auth", header);
        try (EngineHttp.Response response = client.stream("POST", path, auth, PULL_HEAD_TIMEOUT);
             MessageBudget budget = new MessageBudget(response.body);
             Json.Values messages = Json.values(budget)) {
            Json m;
            while ((m = messages.next()) != null) {
                budget.nextMessage();
                if (m.hasNonNull("error")) {
                    throw new EngineException(0, m.path("error").asText());
                }
                listener.onProgress(m.text("id"), m.text("status"), m.text("progress"));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof EngineException ee) {
                throw ee;
            }
            throw new EngineException("pulling " + image + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public RawConnection attachStdin(String containerId) {
        return client.upgrade("/containers/" + enc(containerId) + "/attach?stream=1&stdin=1&stdout=0&stderr=0", null);
    }

    @Override
    public void startContainer(String containerId) {
        client.call("POST", "/containers/" + enc(containerId) + "/start", null);
    }

    @Override
    public String createExec(String containerId, ExecSpec spec) {
        return client.call("POST", "/containers/" + enc(containerId) + "/exec", spec.toCreateBody()).path("Id").asText();
    }

    @Override
    public RawConnection startExec(String execId, boolean tty) {
        return client.upgrade("/exec/" + enc(execId) + "/start", "{\"Detach\":false,\"Tty\":" + tty + "}");
    }

    @Override
    public void resizeExec(String execId, int width, int height) {
        client.call("POST", "/exec/" + enc(execId) + "/resize?h=" + height + "&w=" + width, null);
    }

    @Override
    public ExecState inspectExec(String execId) {
        return ExecState.fromInspect(client.call("GET", "/exec/" + enc(execId) + "/json", null));
    }

    @Override
    public void removeContainer(String containerId) {
        try {
            client.call("DELETE", "/containers/" + enc(containerId) + "?force=1&v=1", null);
        } catch (EngineException e) {
            // Gone already (AutoRemove won the race) or being removed by the engine: both fine.
            if (!e.isNotFound() && e.status() != 409) {
                throw e;
            }
        }
    }

    @Override
    public List<ContainerSummary> listContainers(ContainerFilter filter) {
        Json list = client.call("GET", "/containers/json?all=1&filters=" + enc(filter.toFilters().toString()), null);
        List<ContainerSummary> all = new ArrayList<>();
        list.forEach(c -> all.add(ContainerSummary.fromList(c)));
        return all;
    }

    @Override
    public ContainerOrigin origin(String containerId) {
        Json c = client.call("GET", "/containers/" + enc(containerId) + "/json", null);
        Json image = client.call("GET", "/images/" + enc(c.path("Image").asText()) + "/json", null);
        return ContainerOrigin.fromInspect(c, image);
    }

    @Override
    public String awaitEnd(List<String> containerIds) {
        Json filters = Json.object().put("type", Json.strings(List.of("container")))
                // Podman 4 filters on its own names for the same events.
                .put("event", Json.strings(List.of("die", "destroy", "died", "remove")))
                .put("container", Json.strings(containerIds));
        return client.firstEvent("/events?filters=" + enc(filters.toString()));
    }

    @Override
    public ContainerEvents containerEvents() {
        Json filters = Json.object().put("type", Json.strings(List.of("container")));
        // A connection of its own, closed with the stream (which never ends by itself).
        return JsonEvents.of(client.stream("GET", "/events?filters=" + enc(filters.toString()), Map.of()));
    }

    @Override
    public void close() {
        client.close();
    }

    /** Escapes a path segment or query value: a space is %20 in both (the engine reads "+" in a path as is). */
    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
