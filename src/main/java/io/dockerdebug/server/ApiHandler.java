package io.dockerdebug.server;

import io.dockerdebug.json.Json;
import io.dockerdebug.DockerDebug;
import io.dockerdebug.ExecResult;
import io.dockerdebug.SidecarRemoval;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON API under /api/v1, for callers the {@link WebHandler} has let through. */
final class ApiHandler {
    static final String PREFIX = "/api/v1";
    static final int MAX_EXEC_OUTPUT = 1024 * 1024;
    private static final Pattern ENGINE = Pattern.compile("/engines/([^/]+)/(containers|containers/events|sidecars|sessions|exec|sidecars/prune)");
    private static final Pattern SIDECAR = Pattern.compile("/engines/([^/]+)/sidecars/([A-Za-z0-9_.-]+)");
    private static final Pattern SESSION = Pattern.compile("/sessions/([0-9a-f]{32})");

    private final Engines engines;
    private final Sessions sessions;
    private final String version;
    private final Bodies bodies;

    ApiHandler(Engines engines, Sessions sessions, String version, Bodies bodies) {
        this.engines = engines;
        this.sessions = sessions;
        this.version = version;
        this.bodies = bodies;
    }

    /** {@code path} is below /api/v1. A call with a body runs once the body is read (see {@link Bodies}). */
    void handle(String method, String path, Request request, Response response, Callback callback) {
        try {
            if (method.equals("POST") && (path.endsWith("/sessions") || path.endsWith("/exec"))) {
                bodies.read(request, response, callback, Bodies.MAX_BODY,
                        body -> route(method, path, body, response, callback));
            } else {
                route(method, path, null, response, callback);
            }
        } catch (Throwable t) {
            Http.error(response, callback, ApiException.unexpected(t));
        }
    }

    private void route(String method, String path, Json body, Response response, Callback callback)
            throws Exception {
        if (routeServerWide(method + " " + path, response, callback)) {
            return;
        }
        Matcher m;
        if ((m = SESSION.matcher(path)).matches() && method.equals("DELETE")) {
            if (!sessions.end(m.group(1))) {
                throw ApiException.ours(404, "no such session");
            }
            Http.json(response, callback, 200, Map.of("ended", m.group(1)));
        } else if ((m = ENGINE.matcher(path)).matches()) {
            routeEngine(method + " " + m.group(2), m.group(1), body, response, callback);
        } else if ((m = SIDECAR.matcher(path)).matches() && method.equals("DELETE")) {
            DockerDebug debug = engines.get(m.group(1));
            List<String> ids = List.of(m.group(2));
            SidecarRemoval r = ApiException.call(() -> debug.removeSidecars(ids, false, null));
            if (!r.errors().isEmpty()) {
                throw ApiException.ours(404, r.errors().getFirst());
            }
            Http.json(response, callback, 200, Map.of("removed", r.removed()));
        } else {
            Http.error(response, callback, 404, "no such API path");
        }
    }

    /** The paths that name no engine; false when {@code call} ("METHOD path") is not one of them. */
    private boolean routeServerWide(String call, Response response, Callback callback) {
        Object answer = switch (call) {
            case "GET /version" -> Map.of("version", version, "api", "v1");
            case "GET /engines" -> Map.of("engines", Views.engines(engines));
            case "GET /defaults" -> Views.defaults(engines.get(engines.names().getFirst()));
            case "GET /sessions" -> Map.of("sessions", sessions.list().stream()
                    .map(l -> Map.of("id", l.id(), "engine", l.engine(), "target", l.target(),
                            "sidecar", l.session().sidecarId(), "attached", l.attached().get(),
                            "created", l.created().getEpochSecond()))
                    .toList());
            default -> null;
        };
        if (answer == null) {
            return false;
        }
        Http.json(response, callback, 200, answer);
        return true;
    }

    /** {@code /engines/ENGINE/...}: {@code call} is "METHOD rest-of-path". */
    private void routeEngine(String call, String engine, Json body, Response response, Callback callback)
            throws Exception {
        DockerDebug debug = engines.get(engine);
        switch (call) {
            case "GET containers" -> Http.json(response, callback, 200,
                    Map.of("containers", ApiException.call(() -> Views.containers(debug))));
            case "GET containers/events" -> ContainerStream.start(debug, response, callback);
            case "GET sidecars" -> Http.json(response, callback, 200,
                    Map.of("sidecars", ApiException.call(() -> Views.sidecars(debug))));
            case "POST sidecars/prune" -> Http.json(response, callback, 200,
                    Map.of("removed", ApiException.call(() -> debug.pruneSidecars(null))));
            case "POST sessions" -> {
                Sessions.Live l = sessions.create(engine, Requests.sessionSpec(body));
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("id", l.id());
                out.put("target", l.target());
                out.put("sidecar", l.session().sidecarId());
                out.put("terminal", PREFIX + "/sessions/" + l.id() + "/terminal");
                Http.json(response, callback, 201, out);
            }
            case "POST exec" -> Http.json(response, callback, 200, exec(debug, Requests.sessionSpec(body)));
            default -> Http.error(response, callback, 405, "method not allowed");
        }
    }

    /** A one-off command without a TTY, its output kept up to {@link #MAX_EXEC_OUTPUT} bytes per stream. */
    private static Map<String, Object> exec(DockerDebug debug, Requests.Spec spec) {
        ExecResult r = ApiException.call(() -> debug.exec(spec.target(), spec.sidecar(), spec.command(), MAX_EXEC_OUTPUT));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("exitCode", r.exitCode());
        result.put("stdout", r.stdoutText());
        result.put("stderr", r.stderrText());
        result.put("truncated", r.truncated());
        return result;
    }
}
