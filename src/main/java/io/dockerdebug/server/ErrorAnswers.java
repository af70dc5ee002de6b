package io.dockerdebug.server;

import io.dockerdebug.DockerDebugException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Jetty's own errors (a request it cannot parse, a handler that threw) as our API's errors: one
 * JSON line with the security headers, never Jetty's HTML page with an exception's class name.
 */
final class ErrorAnswers extends ErrorHandler {

    /** A request Jetty read, then failed on (or one our handler threw on). */
    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        Guard.secureHeaders(response);
        Http.error(response, callback, code, reason(code));
    }

    /** A request Jetty could not parse: there is no request, only these headers and one buffer. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        Guard.secureHeaders(fields);
        if (HttpStatus.hasNoBody(status)) {
            return null;
        }
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(Http.errorBytes(DockerDebugException.ENGINE_ERROR, reason(status)));
    }

    /** The status's standard phrase: nothing of the request or of Jetty is echoed. */
    private static String reason(int status) {
        String phrase = HttpStatus.getMessage(status);
        return phrase == null ? "error " + status : phrase.toLowerCase(Locale.ROOT);
    }
}
