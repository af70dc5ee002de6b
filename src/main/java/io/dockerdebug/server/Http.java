package io.dockerdebug.server;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.json.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Writing answers: JSON bodies and the one-line JSON error with the docker-like code. */
final class Http {
    private Http() {
    }

    static void json(Response response, Callback callback, int status, Object body) {
        byte[] bytes;
        try {
            bytes = Json.from(body).toBytes();
        } catch (RuntimeException e) {
            status = 500;
            bytes = "{\"code\":125,\"message\":\"cannot write the answer\"}".getBytes(StandardCharsets.UTF_8);
        }
        write(response, callback, status, "application/json", bytes);
    }

    /** An error of ours or the engine's (exit code 125) with the given HTTP status. */
    static void error(Response response, Callback callback, int status, String message) {
        error(response, callback, status, DockerDebugException.ENGINE_ERROR, message);
    }

    static void error(Response response, Callback callback, int status, int code, String message) {
        json(response, callback, status, new ErrorBody(code, message));
    }

    /** The error's JSON line as bytes, for an answer written without a {@link Response}. */
    static byte[] errorBytes(int code, String message) {
        return Json.from(new ErrorBody(code, message)).toBytes();
    }

    static void error(Response response, Callback callback, ApiException e) {
        error(response, callback, e.status(), e.code(), e.getMessage());
    }

    static void write(Response response, Callback callback, int status, String type, byte[] bytes) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.write(true, ByteBuffer.wrap(bytes), callback);
    }

    /** An error: the docker-like exit code (125 ours or the engine's, 126, 127) and one line. */
    record ErrorBody(int code, String message) implements Json.Writable {
        @Override
        public Json toJson() {
            return Json.object().put("code", code).put("message", message);
        }
    }
}
