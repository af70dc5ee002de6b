package io.dockerdebug.docker;

import io.dockerdebug.threads.Threads;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ssh://[user@]host[:port]} the way the docker CLI does it: {@code ssh [-l user] [-p port]
 * -- host docker system dial-stdio}, whose stdin and stdout are the engine's socket. The ssh
 * client's own configuration (keys, known hosts, agent) applies; {@code ssh} comes from PATH.
 */
final class SshCommand {
    private final List<String> command;
    private final String where;
    /** The last connection's stderr (ssh's own errors), for messages. */
    private volatile String lastError = "";

    private SshCommand(List<String> command, String where) {
        this.command = command;
        this.where = where;
    }

    static SshCommand of(URI uri) {
        String host = uri.getHost();
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            // ssh takes an IPv6 address without the URL's brackets.
            host = host.substring(1, host.length() - 1);
        }
        if (host == null || host.isEmpty()) {
            throw new EngineException(0, "invalid ssh host " + uri + ": no host name");
        }
        // Whoever made the URI (parseHost or not), ssh gets only what passes the same check.
        String problem = DockerEndpoint.hostProblem(uri);
        if (problem != null) {
            throw new EngineException(0, "invalid ssh host " + DockerEndpoint.redacted(uri.toString()) + ": " + problem);
        }
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            throw new EngineException(0, "invalid ssh host " + uri + ": extra path after the host");
        }
        List<String> cmd = new ArrayList<>(List.of("ssh", "-o", "ConnectTimeout=30", "-T"));
        if (uri.getUserInfo() != null && !uri.getUserInfo().isEmpty()) {
            cmd.addAll(List.of("-l", uri.getUserInfo()));
        }
        if (uri.getPort() > 0) {
            cmd.addAll(List.of("-p", Integer.toString(uri.getPort())));
        }
        cmd.addAll(List.of("--", host, "docker", "system", "dial-stdio"));
        return new SshCommand(List.copyOf(cmd), uri.toString());
    }

    List<String> command() {
        return command;
    }

    String lastError() {
        return lastError;
    }

    /** When ssh's output ended or its input broke: waits (briefly) for its last words on stderr, which say why. */
    private static void awaitLastWords(Process p, Thread errors) {
        try {
            if (p.waitFor(2, TimeUnit.SECONDS)) {
                errors.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A fresh ssh process as a connection: closeWrite closes its stdin, close ends it. */
    RawConnection connect() throws IOException {
        Process p = start();
        Thread errors = Threads.daemon("ssh-stderr", () -> keepErrors(p));
        return connection(p, watchedInput(p, errors), watchedOutput(p, errors));
    }

    private Process start() throws IOException {
        try {
            return new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new IOException("cannot run ssh for " + where + ": " + e.getMessage(), e);
        }
    }

    /** Copies ssh's stderr (its first 8 KiB) into {@link #lastError} as it comes. */
    private void keepErrors(Process p) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (InputStream in = p.getErrorStream()) {
            in.transferTo(new OutputStream() {
                public void write(int b) {
                    synchronized (err) {
                        if (err.size() < 8192) {
                            err.write(b);
                        }
                    }
                }

                public void write(byte[] b, int off, int len) {
                    synchronized (err) {
                        err.write(b, off, Math.min(len, Math.max(0, 8192 - err.size())));
                    }
                    String text;
                    synchronized (err) {
                        text = err.toString(StandardCharsets.UTF_8).strip();
                    }
                    lastError = text;
                }
            });
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** ssh's stdout; at its end, waits for ssh's last words on stderr. */
    private static InputStream watchedInput(Process p, Thread errors) {
        return new FilterInputStream(p.getInputStream()) {
            @Override
            public int read() throws IOException {
                return ended(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return ended(super.read(b, off, len));
            }

            private int ended(int n) {
                if (n < 0) {
                    awaitLastWords(p, errors);
                }
                return n;
            }
        };
    }

    /** ssh's stdin; when it breaks, waits for ssh's last words on stderr. */
    private static OutputStream watchedOutput(Process p, Thread errors) {
        return new FilterOutputStream(p.getOutputStream()) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    awaitLastWords(p, errors);
                    throw e;
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    awaitLastWords(p, errors);
                    throw e;
                }
            }
        };
    }

    private static RawConnection connection(Process p, InputStream in, OutputStream out) {
        return new RawConnection() {
            public InputStream input() { return in; }
            public OutputStream output() { return out; }
            public void closeWrite() throws IOException { out.close(); }
            public void close() {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // already gone
                }
                p.destroy();
                try {
                    if (!p.waitFor(2, TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    p.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        };
    }
}
