package io.dockerdebug.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The answer to a request with "Upgrade: tcp" as the process's stream, the way the docker CLI's
 * hijack hands it over: the rest of the connection, or the engine's error.
 */
final class HttpUpgrade {
    private HttpUpgrade() {
    }

    static RawConnection hijacked(EngineHttp.Response response) throws IOException {
        if (response.status >= 300 || response.status < 100) {
            try (response) {
                throw new EngineException(response.status, EngineErrors.message(response.readAll(), response.status));
            }
        }
        RawConnection conn = response.connection();
        InputStream in = response.body;
        return new RawConnection() {
            public InputStream input() { return in; }
            public OutputStream output() { return conn.output(); }
            public void closeWrite() throws IOException { conn.closeWrite(); }
            public void close() { conn.close(); }
        };
    }
}
