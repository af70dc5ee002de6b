package io.dockerdebug.server;

import io.dockerdebug.DockerDebugException;
import io.dockerdebug.EngineFailureException;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.NoSuchContainerException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/** A failure with the docker-like code (125, 126, 127) and the HTTP status it maps to. */
final class ApiException extends RuntimeException {
    private final int code;
    private final int status;

    ApiException(int code, int status, String message) {
        super(message);
        this.code = code;
        this.status = status;
    }

    int code() {
        return code;
    }

    int status() {
        return status;
    }

    /** A failure of ours or the engine's (exit code 125) answered with the given HTTP status. */
    static ApiException ours(int status, String message) {
        return new ApiException(DockerDebugException.ENGINE_ERROR, status, message);
    }

    static ApiException badRequest(String message) {
        return ours(400, message);
    }

    /** The library's failures by type: bad input 400, a missing container 404, the rest 502. */
    static ApiException of(DockerDebugException e) {
        int status = e instanceof InvalidOptionsException ? 400
                : e instanceof NoSuchContainerException
                        || e instanceof EngineFailureException f && f.isNotFound() ? 404 : 502;
        return new ApiException(e.exitCode(), status, e.getMessage());
    }

    /** A library failure that a future carried. */
    static ApiException of(Throwable t) {
        Throwable cause = (t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null
                ? t.getCause() : t;
        return cause instanceof DockerDebugException d ? of(d)
                : ApiException.ours(502, "the session failed: " + cause.getMessage());
    }

    /**
     * What a handler did not expect, as one line: the library's failures by type, anything else
     * (an engine answer the library could not read) a 502 without a class name or a stack.
     */
    static ApiException unexpected(Throwable t) {
        if (t instanceof ApiException a) {
            return a;
        }
        if (t instanceof DockerDebugException d) {
            return of(d);
        }
        return ApiException.ours(502, "the engine call failed unexpectedly");
    }

    /** Runs a library call, its failures as API errors. */
    static <T> T call(Supplier<T> s) {
        try {
            return s.get();
        } catch (DockerDebugException e) {
            throw of(e);
        }
    }
}
