package io.dockerdebug.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON API under /api/v1, for callers the {@link WebHandler} has let through. */
final class ApiHandler {
    static final String PREFIX = "/api/v1";
    static final int MAX_BODY = 64 * 1024;
    static final int MAX_EXEC_OUTPUT = 1024 * 1024;
    private static final Pattern ENGINE = Pattern.compile("/engines/([^/]+)/(containers|sidecars|sessions|exec|sidecars/prune)");
    private static final Pattern SIDECAR = Pattern.compile("/engines/([^/]+)/sidecars/([A-Za-z0-9_.-]+)");
    private static final Pattern SESSION = Pattern.compile("/sessions/([0-9a-f]{32})");

    private final Backend backend;
    private final Sessions sessions;
    private final String version;

    ApiHandler(Backend backend, Sessions sessions, String version) {
        this.backend = backend;
        this.sessions = sessions;
        this.version = version;
    }

    /** {@code path} is below /api/v1. */
    void handle(String method, String path, Request request, Response response, Callback callback) throws Exception {
        try {
            route(method, path, request, response, callback);
        } catch (Backend.ApiException e) {
            Http.error(response, callback, e);
        }
    }

    private void route(String method, String path, Request request, Response response, Callback callback)
            throws Exception {
        Matcher m;
        switch (method + " " + path) {
            case "GET /version" -> {
                Http.json(response, callback, 200, Map.of("version", version, "api", "v1"));
                return;
            }
            case "GET /engines" -> {
                Http.json(response, callback, 200, Map.of("engines", backend.engines()));
                return;
            }
            case "GET /defaults" -> {
                Http.json(response, callback, 200, backend.defaults());
                return;
            }
            case "GET /sessions" -> {
                Http.json(response, callback, 200, Map.of("sessions", sessions.list().stream()
                        .map(l -> Map.of("id", l.id(), "engine", l.engine(), "target", l.target(),
                                "sidecar", l.session().sidecarId(), "attached", l.attached().get(),
                                "created", l.created().getEpochSecond()))
                        .toList()));
                return;
            }
            default -> {
            }
        }
        if ((m = SESSION.matcher(path)).matches() && method.equals("DELETE")) {
            if (!sessions.end(m.group(1))) {
                throw new Backend.ApiException(125, 404, "no such session");
            }
            Http.json(response, callback, 200, Map.of("ended", m.group(1)));
            return;
        }
        if ((m = ENGINE.matcher(path)).matches()) {
            String engine = m.group(1);
            switch (method + " " + m.group(2)) {
                case "GET containers" -> containers(engine, request, response, callback);
                case "GET sidecars" -> Http.json(response, callback, 200, Map.of("sidecars", backend.sidecars(engine)));
                case "POST sidecars/prune" -> Http.json(response, callback, 200, Map.of("removed", backend.prune(engine)));
                case "POST sessions" -> {
                    Backend.SessionSpec spec = Requests.sessionSpec(body(request));
                    Sessions.Live l = sessions.create(engine, spec);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("id", l.id());
                    out.put("target", l.target());
                    out.put("sidecar", l.session().sidecarId());
                    out.put("terminal", PREFIX + "/sessions/" + l.id() + "/terminal");
                    Http.json(response, callback, 201, out);
                }
                case "POST exec" -> {
                    Backend.ExecResult r = backend.exec(engine, Requests.sessionSpec(body(request)), MAX_EXEC_OUTPUT);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("exitCode", r.exitCode());
                    out.put("stdout", new String(r.stdout(), StandardCharsets.UTF_8));
                    out.put("stderr", new String(r.stderr(), StandardCharsets.UTF_8));
                    out.put("truncated", r.truncated());
                    Http.json(response, callback, 200, out);
                }
                default -> Http.error(response, callback, 405, 125, "method not allowed");
            }
            return;
        }
        if ((m = SIDECAR.matcher(path)).matches() && method.equals("DELETE")) {
            Http.json(response, callback, 200,
                    Map.of("removed", backend.removeSidecars(m.group(1), List.of(m.group(2)))));
            return;
        }
        Http.error(response, callback, 404, 125, "no such API path");
    }

    /**
     * The containers, and a fingerprint of the list; with {@code ?since=FINGERPRINT&wait=S} the
     * answer waits (up to S ≤ 30 seconds) until the list differs from that one: live refresh by long poll.
     */
    private void containers(String engine, Request request, Response response, Callback callback)
            throws InterruptedException {
        Fields q = Request.extractQueryParameters(request);
        String since = q.getValue("since");
        int wait = Requests.dimension(q.getValue("wait"), 0, 30);
        List<Backend.ContainerInfo> list = backend.containers(engine);
        long deadline = System.nanoTime() + wait * 1_000_000_000L;
        while (since != null && since.equals(fingerprint(list)) && System.nanoTime() < deadline) {
            backend.awaitContainerChange(engine, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            list = backend.containers(engine);
        }
        Http.json(response, callback, 200, Map.of("containers", list, "fingerprint", fingerprint(list)));
    }

    static String fingerprint(List<Backend.ContainerInfo> list) {
        return Integer.toHexString(list.hashCode());
    }

    private static JsonNode body(Request request) throws IOException {
        long length = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (length < 0) {
            throw new Backend.ApiException(125, 411, "a Content-Length is required");
        }
        if (length > MAX_BODY) {
            throw new Backend.ApiException(125, 413, "the body is larger than " + MAX_BODY + " bytes");
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new Backend.ApiException(125, 415, "the body must be application/json");
        }
        String text = Content.Source.asString(request, StandardCharsets.UTF_8);
        try {
            return Http.JSON.readTree(text);
        } catch (IOException e) {
            throw Backend.ApiException.badRequest("the body is not JSON");
        }
    }
}
