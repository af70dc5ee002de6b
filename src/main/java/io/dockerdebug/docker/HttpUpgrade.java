package io.dockerdebug.docker;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends one HTTP/1.1 request with "Upgrade: tcp" over a raw connection and hands back the
 * connection as the process's stream, the way the docker CLI's hijack does.
 */
final class HttpUpgrade {
    private HttpUpgrade() {
    }

    static RawConnection post(EngineConnections connections, String path, String jsonBody) {
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        EngineHttp.Response response;
        try {
            response = EngineHttp.send(connections, "POST", path, body, Map.of(), true, null);
        } catch (EngineHttp.ConnectException e) {
            throw new EngineException("cannot connect to the Docker engine: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new EngineException("lost the connection to the Docker engine: " + e.getMessage(), e);
        }
        if (response.status >= 300 || response.status < 100) {
            try (response) {
                throw new EngineException(response.status, EngineErrors.message(response.readAll(), response.status));
            } catch (IOException e) {
                throw new EngineException(response.status, "the engine answered HTTP " + response.status);
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
