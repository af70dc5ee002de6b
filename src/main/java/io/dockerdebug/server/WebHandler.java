package io.dockerdebug.server;

import io.dockerdebug.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every request's way in: the Host check, the security headers, the static page, the one-time
 * code traded for the token, then (origin and token checked) the API and the terminal websocket.
 */
final class WebHandler extends Handler.Abstract {
    private static final Pattern TERMINAL = Pattern.compile(ApiHandler.PREFIX + "/sessions/([0-9a-f]{32})/terminal");
    private static final String OPENAPI = "io/dockerdebug/server/openapi.json";
    /** Where the page trades the one-time code of its URL for the token. */
    static final String REDEEM = ApiHandler.PREFIX + "/auth/code";

    private final Guard guard;
    private final ApiHandler api;
    private final Sessions sessions;
    private final StaticFiles files = new StaticFiles();
    private final ServerWebSocketContainer websockets;
    private final Codes codes;
    private final Bodies bodies;

    WebHandler(Guard guard, ApiHandler api, Sessions sessions, ServerWebSocketContainer websockets, Codes codes,
               Bodies bodies) {
        this.guard = guard;
        this.api = api;
        this.sessions = sessions;
        this.websockets = websockets;
        this.codes = codes;
        this.bodies = bodies;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Guard.secureHeaders(response);
        if (!guard.hostAllowed(request)) {
            Http.error(response, callback, 421, "misdirected request: unknown Host");
            return true;
        }
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.startsWith("/api/")) {
            api(method, path, request, response, callback);
        } else {
            page(method, path, request, response, callback);
        }
        return true;
    }

    private void api(String method, String path, Request request, Response response, Callback callback)
            throws Exception {
        guard.cors(request, response);
        if (method.equals("OPTIONS")) {
            boolean allowed = guard.isAllowedOther(Guard.origin(request));
            Http.write(response, callback, allowed ? 204 : 403, "text/plain", new byte[0]);
            return;
        }
        // "Upgrade: h2c" (HTTP/2 clients) is no websocket.
        boolean upgrade = "websocket".equalsIgnoreCase(request.getHeaders().get(HttpHeader.UPGRADE));
        boolean acting = upgrade || !(method.equals("GET") || method.equals("HEAD"));
        String origin = Guard.origin(request);
        if (method.equals("POST") && path.equals(REDEEM)
                && (origin == null || guard.isSelf(origin) || guard.isAllowedOther(origin))) {
            redeem(request, response, callback);
            return;
        }
        if (!guard.originAllowed(request, acting)) {
            Http.error(response, callback, 403, "origin not allowed");
            return;
        }
        if (method.equals("GET") && path.equals(ApiHandler.PREFIX + "/openapi.json")) {
            try (var in = getClass().getClassLoader().getResourceAsStream(OPENAPI)) {
                Http.write(response, callback, 200, "application/json", in.readAllBytes());
            }
            return;
        }
        if (!guard.authenticated(request)) {
            Http.error(response, callback, 401, "authentication required: open a URL serve printed "
                    + "(press Enter on its terminal for a new one), or send 'Authorization: token TOKEN'");
            return;
        }
        Matcher m = TERMINAL.matcher(path);
        if (m.matches()) {
            terminal(m.group(1), request, response, callback);
            return;
        }
        if (!path.startsWith(ApiHandler.PREFIX + "/")) {
            Http.error(response, callback, 404, "no such API path");
            return;
        }
        api.handle(method, path.substring(ApiHandler.PREFIX.length()), request, response, callback);
    }

    /**
     * {@code {"code":"…"}} to {@code {"token":"…"}}, once per code: the page keeps the token in its
     * tab's sessionStorage and sends it in a header, so that nothing the browser keeps or sends
     * by itself (history, cookies) holds a credential.
     */
    private void redeem(Request request, Response response, Callback callback) {
        try {
            bodies.read(request, response, callback, 1024, body -> {
                Json code = body.isObject() ? body.get("code") : null;
                if (code == null || !code.isTextual() || !codes.redeem(code.asText())) {
                    throw ApiException.ours(401, "this code is used, expired or wrong: press Enter on "
                            + "serve's terminal for a new URL");
                }
                Http.json(response, callback, 200, java.util.Map.of("token", guard.revealToken()));
            });
        } catch (ApiException e) {
            Http.error(response, callback, e);
        }
    }

    /** Starts the session's command, then answers 101: engine errors are HTTP errors, and "open" means attached. */
    private void terminal(String id, Request request, Response response, Callback callback) {
        Sessions.Live live = sessions.get(id);
        if (live == null) {
            Http.error(response, callback, 404, "no such session");
            return;
        }
        Fields q = Request.extractQueryParameters(request);
        int cols = Requests.dimension(q.getValue("cols"), 80, Terminal.MAX_COLUMNS);
        int rows = Requests.dimension(q.getValue("rows"), 24, Terminal.MAX_ROWS);
        if (!live.attached().compareAndSet(false, true)) {
            Http.error(response, callback, 409, "the session has a terminal already");
            return;
        }
        boolean upgraded = websockets.upgrade((rq, rs, cb) -> {
            // The command runs since the session was created; its output waited for this terminal.
            live.session().resize(cols, rows);
            if (rq.hasSubProtocol(Guard.PROTOCOL)) {
                rs.setAcceptedSubProtocol(Guard.PROTOCOL);
            }
            return new Terminal(live, sessions);
        }, request, response, callback);
        if (!upgraded) {
            live.attached().set(false);
            Http.error(response, callback, 400, "a websocket upgrade is required");
        }
    }

    private void page(String method, String path, Request request, Response response, Callback callback) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            Http.error(response, callback, 405, "method not allowed");
            return;
        }
        StaticFiles.File f = files.get(path);
        if (f == null) {
            Http.write(response, callback, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        Http.write(response, callback, 200, f.type(), f.bytes());
    }
}
