package io.dockerdebug.server;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The security checks every request passes, in one place: the Host header (DNS rebinding), the
 * Origin (cross-site requests; a page on another port of 127.0.0.1 is same-site), the token (in
 * a header, never a cookie), and the headers every answer carries.
 */
final class Guard {
    /** The websocket subprotocol the page always asks for; a second one may carry the token. */
    static final String PROTOCOL = "docker-debug.v1";
    static final String TOKEN_PROTOCOL_PREFIX = "docker-debug.token.";

    private final Token token;
    private final Set<String> hosts;
    private final Set<String> selfOrigins;
    private final Set<String> allowedOrigins;

    /**
     * @param names the names this server is reached by (without port), e.g. 127.0.0.1 and localhost
     */
    Guard(Token token, List<String> names, int port, boolean tls, List<String> allowedOrigins) {
        this.token = token;
        this.hosts = new LinkedHashSet<>();
        this.selfOrigins = new LinkedHashSet<>();
        String scheme = tls ? "https" : "http";
        for (String n : names) {
            String name = n.toLowerCase(Locale.ROOT);
            hosts.add(name + ":" + port);
            selfOrigins.add(scheme + "://" + name + ":" + port);
        }
        this.allowedOrigins = Set.copyOf(allowedOrigins);
    }

    /** Host header one of ours (else 421 Misdirected Request): a rebound DNS name is not. */
    boolean hostAllowed(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        if (host == null) {
            var uri = request.getHttpURI();
            host = uri.getHost() == null ? null : uri.getHost() + ":" + uri.getPort();
        }
        return host != null && hosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /** The request's Origin header, or null. */
    static String origin(Request request) {
        return request.getHeaders().get(HttpHeader.ORIGIN);
    }

    boolean isSelf(String origin) {
        return origin != null && selfOrigins.contains(origin);
    }

    /** An origin named by --allow-origin (exactly), for CORS. */
    boolean isAllowedOther(String origin) {
        return origin != null && allowedOrigins.contains(origin);
    }

    /**
     * Whether the request may act (a websocket upgrade, any method but GET/HEAD): its Origin must
     * be ours or an allowed one; a request without Origin (curl, scripts) must carry the token itself.
     */
    boolean originAllowed(Request request, boolean acting) {
        String origin = origin(request);
        if (origin == null) {
            return !acting || headerToken(request) != null;
        }
        return isSelf(origin) || isAllowedOther(origin);
    }

    /**
     * The caller proved it knows the token: in the Authorization header or the websocket
     * subprotocol, from any origin. No cookie is ever a credential: browsers send a cookie of
     * 127.0.0.1 to every port of it, so another local server would receive it.
     */
    boolean authenticated(Request request) {
        String t = headerToken(request);
        if (t == null) {
            t = protocolToken(request);
        }
        return t != null && token.matches(t);
    }

    /** The token itself, for the one answer that hands it to the page that redeemed a one-time code. */
    String revealToken() {
        return token.reveal();
    }

    /** {@code Authorization: token T} (as GitHub's API) or {@code Bearer T}. */
    static String headerToken(Request request) {
        String h = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (h == null) {
            return null;
        }
        for (String scheme : List.of("token ", "Bearer ")) {
            if (h.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return h.substring(scheme.length()).trim();
            }
        }
        return null;
    }

    /** Browsers cannot set headers on a websocket: a page from another origin sends the token as a subprotocol. */
    static String protocolToken(Request request) {
        for (String value : request.getHeaders().getValuesList(HttpHeader.SEC_WEBSOCKET_SUBPROTOCOL)) {
            for (String p : value.split(",")) {
                String s = p.trim();
                if (s.startsWith(TOKEN_PROTOCOL_PREFIX)) {
                    return s.substring(TOKEN_PROTOCOL_PREFIX.length());
                }
            }
        }
        return null;
    }

    /** What every answer carries. */
    static void secureHeaders(Response response) {
        secureHeaders(response.getHeaders());
    }

    /** The same, on the headers of an answer Jetty writes itself (a request it could not parse). */
    static void secureHeaders(HttpFields.Mutable h) {
        h.put("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
                + "form-action 'self'; object-src 'none'");
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cache-Control", "no-store");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
    }

    /** CORS for an origin named by --allow-origin: exactly it, never credentials (the token is required). */
    void cors(Request request, Response response) {
        String origin = origin(request);
        if (isAllowedOther(origin)) {
            var h = response.getHeaders();
            h.put("Access-Control-Allow-Origin", origin);
            h.put("Vary", "Origin");
            h.put("Access-Control-Allow-Methods", "GET, POST, DELETE");
            h.put("Access-Control-Allow-Headers", "Authorization, Content-Type");
            h.put("Access-Control-Max-Age", "600");
        }
    }
}
