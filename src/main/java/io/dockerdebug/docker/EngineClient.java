package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The engine's HTTP API on our one transport: JSON calls within the timeout, streams (pull
 * progress, events) and hijacks (attach, exec start) without one, all over the endpoint's
 * kept-alive {@link EngineConnections}, in the API version negotiated at the first call.
 */
final class EngineClient implements AutoCloseable {
    private final EngineConnections connections;
    private final EngineDiagnosis diagnosis;
    /** Deadline of every non-streaming call (connect and TLS handshake included). */
    private final Duration timeout;
    /** Pinned, or negotiated at the first call; null until then. */
    private volatile String apiVersion;

    /** {@code tlsContext}: a TLS context the caller made, or null to build one from the endpoint's files. */
    EngineClient(DockerEndpoint endpoint, Duration timeout, SSLContext tlsContext) {
        this.timeout = timeout;
        // Only for TLS: building an SSL context costs ~0.5 s at start-up.
        SSLContext tls = !endpoint.usesTls() ? null : tlsContext != null ? tlsContext : Tls.context(endpoint);
        SshCommand ssh = endpoint.isSsh() ? SshCommand.of(endpoint.host()) : null;
        this.connections = new EngineConnections(ssh != null ? ssh::connect : Transport.forEndpoint(endpoint, timeout, tls));
        this.diagnosis = new EngineDiagnosis(endpoint, timeout, ssh);
        this.apiVersion = ApiVersion.pinned(endpoint.apiVersion());
    }

    /** The API version in use: pinned, or negotiated with {@code GET /_ping} (within the timeout). */
    String apiVersion() {
        String version = apiVersion;
        if (version != null) {
            return version;
        }
        synchronized (this) {
            if (apiVersion == null) {
                try (EngineHttp.Response ping = send("GET", "/_ping", null, Map.of(), timeout)) {
                    ping.readAll();
                    apiVersion = ApiVersion.negotiated(ping.header("api-version"));
                } catch (CallDeadline.Expired e) {
                    throw diagnosis.noAnswer("GET", "/_ping");
                } catch (EngineHttp.BadAnswer e) {
                    throw diagnosis.badAnswer("GET", "/_ping", e);
                } catch (IOException e) {
                    throw diagnosis.lost(e);
                }
            }
            return apiVersion;
        }
    }

    /**
     * A whole JSON exchange within the timeout; the engine's own error as an {@link EngineException}.
     * While the version is not known yet, a GET goes without one (the engine answers in its own,
     * newest version: reads of what we read are the same in all) and its answer's
     * {@code Api-Version} header settles the version: one round trip less than a {@code /_ping}
     * first, on the path of every session.
     */
    Json call(String method, String path, Json body) {
        boolean learn = apiVersion == null && method.equals("GET");
        String sent = learn ? path : versioned(path);
        byte[] bytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
        try (EngineHttp.Response response = send(method, sent, bytes, Map.of(), timeout)) {
            if (learn) {
                learnVersion(response.header("api-version"));
            }
            byte[] answer = response.readAll();
            if (response.status >= 300) {
                throw new EngineException(response.status, EngineErrors.message(answer, response.status));
            }
            return answer.length == 0 ? Json.object() : Json.parse(answer);
        } catch (CallDeadline.Expired e) {
            throw diagnosis.noAnswer(method, path);
        } catch (EngineHttp.BadAnswer e) {
            throw diagnosis.badAnswer(method, path, e);
        } catch (Json.JsonException e) {
            // One line: the parser's message goes on with where it stopped, and the query holds nothing of use.
            int query = path.indexOf('?');
            throw new EngineException("the engine's answer to " + method + " " + (query < 0 ? path : path.substring(0, query))
                    + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        } catch (IOException e) {
            throw diagnosis.lost(e);
        }
    }

    /**
     * A streamed answer (pull progress, events): its head within the timeout (an engine sends it at
     * once), its body without a deadline (its silence is legitimate); an error status as an
     * {@link EngineException}. The caller closes it.
     */
    EngineHttp.Response stream(String method, String path, Map<String, String> headers) {
        return stream(method, path, headers, timeout);
    }

    /** {@link #stream}, with {@code headTimeout} null when the head may take long too (a pull waits for the registry). */
    EngineHttp.Response stream(String method, String path, Map<String, String> headers, Duration headTimeout) {
        try {
            EngineHttp.Response response = streamOrHijack(method, path, null, headers, false, headTimeout);
            if (response.status >= 300) {
                try (response) {
                    throw new EngineException(response.status, EngineErrors.message(response.readAll(), response.status));
                }
            }
            return response;
        } catch (CallDeadline.Expired e) {
            throw diagnosis.noAnswer(method, path);
        } catch (EngineHttp.BadAnswer e) {
            throw diagnosis.badAnswer(method, path, e);
        } catch (IOException e) {
            throw diagnosis.lost(e);
        }
    }

    /** A hijacked stream (attach, exec start): the rest of the connection after "Upgrade: tcp". */
    RawConnection upgrade(String path, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        try {
            return HttpUpgrade.hijacked(streamOrHijack("POST", versioned(path), body, Map.of(), true, timeout));
        } catch (CallDeadline.Expired e) {
            throw diagnosis.noAnswer("POST", path);
        } catch (EngineHttp.BadAnswer e) {
            throw diagnosis.badAnswer("POST", path, e);
        } catch (IOException e) {
            throw diagnosis.lost(e);
        }
    }

    /** "event" when an event matching the path's filters arrived, "lost" when the stream ended first. */
    String firstEvent(String path) {
        try (EngineHttp.Response response = streamOrHijack("GET", versioned(path), null, Map.of(), false, timeout)) {
            return EventStream.awaitFirst(response);
        } catch (EngineException | IOException e) {
            return "lost";
        }
    }

    /** Settles the version from an answer's header, unless it is known or the engine did not say. */
    private synchronized void learnVersion(String server) {
        if (apiVersion == null && server != null && !server.isBlank()) {
            apiVersion = ApiVersion.negotiated(server);
        }
    }

    private String versioned(String path) {
        return "/v" + apiVersion() + path;
    }

    private EngineHttp.Response send(String method, String path, byte[] body, Map<String, String> headers,
                                     Duration deadline) throws IOException {
        try {
            return EngineHttp.send(connections, method, path, body, headers, false, deadline);
        } catch (EngineHttp.ConnectException e) {
            throw diagnosis.unreachable(e);
        }
    }

    private EngineHttp.Response streamOrHijack(String method, String path, byte[] body, Map<String, String> headers,
                                               boolean upgrade, Duration headTimeout) throws IOException {
        try {
            return EngineHttp.stream(connections, method, path, body, headers, upgrade, headTimeout);
        } catch (EngineHttp.ConnectException e) {
            throw diagnosis.unreachable(e);
        }
    }

    /** Closes the idle connections (on ssh: ends their processes). */
    @Override
    public void close() {
        connections.close();
    }
}
