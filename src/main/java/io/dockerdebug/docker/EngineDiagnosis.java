package io.dockerdebug.docker;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * One line per way of not reaching the engine or not hearing from it: no socket, refused,
 * permission denied, TLS, ssh's own error, no answer within the timeout.
 */
final class EngineDiagnosis {
    private final DockerEndpoint endpoint;
    private final URI host;
    private final Duration timeout;
    /** The ssh command of an ssh:// engine (its stderr says why it failed), else null. */
    private final SshCommand ssh;

    EngineDiagnosis(DockerEndpoint endpoint, Duration timeout, SshCommand ssh) {
        this.endpoint = endpoint;
        this.host = endpoint.host();
        this.timeout = timeout;
        this.ssh = ssh;
    }

    /** What did not answer: the engine, the call and the wait. */
    EngineException noAnswer(String method, String path) {
        int query = path.indexOf('?');
        return new EngineException(0, "the Docker engine at " + host + " did not answer " + method + " "
                + (query < 0 ? path : path.substring(0, query)) + " within " + CallDeadline.format(timeout)
                + " (the timeout of the config file)");
    }

    /** An answer that is not HTTP as an engine speaks it, or larger than its caps (see {@link AnswerLimits}). */
    EngineException badAnswer(String method, String path, EngineHttp.BadAnswer e) {
        int query = path.indexOf('?');
        return new EngineException("the Docker engine at " + host + " answered " + method + " "
                + (query < 0 ? path : path.substring(0, query)) + " with " + e.getMessage(), e);
    }

    /** A connection that broke after the engine was reached. */
    EngineException lost(java.io.IOException e) {
        return new EngineException("lost the connection to the Docker engine: " + e.getMessage(), e);
    }

    /** Why the engine could not be reached. */
    EngineException unreachable(Exception e) {
        if (e instanceof EngineException ee) {
            return ee;
        }
        String sshError = ssh == null ? "" : ssh.lastError();
        if (!sshError.isEmpty()) {
            return new EngineException("cannot connect to the Docker engine at " + host + " through ssh: "
                    + sshError.lines().reduce((a, b) -> b).orElse(sshError), e);
        }
        String root = rootMessage(e);
        if (root.toLowerCase(Locale.ROOT).contains("permission denied")) {
            // As the docker CLI says it: the engine runs, we may not use its socket.
            return new EngineException("permission denied while trying to connect to the Docker engine at " + host
                    + " (is this user allowed to use it, e.g. in the docker group?)", e);
        }
        if (endpoint.usesTls() || hasCause(e, javax.net.ssl.SSLException.class)) {
            // TLS 1.3 reports a rejected client certificate as a broken connection after the handshake.
            return new EngineException("TLS connection to the Docker engine at " + host + " failed: " + root
                    + (endpoint.tlsCertDir() == null ? "" : " (certificates from " + endpoint.tlsCertDir()
                    + "; is the client certificate one the engine trusts?)"), e);
        }
        return new EngineException("cannot connect to the Docker engine at " + host + ": " + root
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

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
