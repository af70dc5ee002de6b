package io.dockerdebug.docker;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerEndpointTest {
    @Test
    void flagBeatsEnvWhichBeatsTheDefaultSocket() {
        Map<String, String> env = Map.of("DOCKER_HOST", "tcp://10.0.0.1:2375");
        assertEquals("unix:///x.sock", DockerEndpoint.resolve("unix:///x.sock", env).host().toString());
        assertEquals("tcp://10.0.0.1:2375", DockerEndpoint.resolve(null, env).host().toString());
        DockerEndpoint def = DockerEndpoint.resolve(null, Map.of());
        assertEquals(DockerEndpoint.DEFAULT_SOCKET, def.host().toString());
        assertTrue(def.isUnix());
        assertNull(def.tlsCertDir());
    }

    @Test
    void anyNonEmptyTlsVerifyTurnsVerificationOnWithCertsFromHomeByDefault() {
        DockerEndpoint e = DockerEndpoint.resolve("tcp://h:2376", Map.of("DOCKER_TLS_VERIFY", "0", "HOME", "/home/u"));
        assertTrue(e.tlsVerify());
        assertEquals(Path.of("/home/u/.docker"), e.tlsCertDir());
    }

    @Test
    void badHostsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> DockerEndpoint.parseHost("http://x"));
        assertEquals("unix:///run/d.sock", DockerEndpoint.parseHost("/run/d.sock").toString());
    }
}
