package io.dockerdebug.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the docker CLI's plugin call ("docker-dbg [docker options] dbg ARGS") becomes ours. */
class DockerCliPluginTest {
    private static final Map<String, String> PLUGIN = Map.of("DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND", "docker",
            "HOME", "/home/u");

    private static List<String> args(DockerCliPlugin.Invocation i) {
        return List.of(i.args());
    }

    @Test
    void withoutThePluginEnvironmentNothingChanges() {
        String[] args = {"dbg", "-H", "x"};
        Map<String, String> env = Map.of("HOME", "/home/u");
        DockerCliPlugin.Invocation i = DockerCliPlugin.unwrap(args, env);
        assertSame(args, i.args());
        assertSame(env, i.env());
    }

    @Test
    void thePluginNameIsDropped() {
        assertEquals(List.of("-i", "busybox", "web", "ps"),
                args(DockerCliPlugin.unwrap(new String[] {"dbg", "-i", "busybox", "web", "ps"}, PLUGIN)));
        // A later "dbg" is an argument of ours.
        assertEquals(List.of("web", "dbg"), args(DockerCliPlugin.unwrap(new String[] {"dbg", "web", "dbg"}, PLUGIN)));
    }

    @Test
    void dockersGlobalOptionsChooseTheEngine() {
        assertEquals(List.of("-H", "tcp://h:2375", "--context", "c1", "web"), args(DockerCliPlugin.unwrap(
                new String[] {"-H", "tcp://h:2375", "-c", "c1", "dbg", "web"}, PLUGIN)));
        assertEquals(List.of("-H", "unix:///s", "--context", "c2", "web"), args(DockerCliPlugin.unwrap(
                new String[] {"--host=unix:///s", "--context=c2", "-D", "--log-level", "debug", "dbg", "web"}, PLUGIN)));
        assertEquals(List.of("-H", "tcp://x:1", "web"), args(DockerCliPlugin.unwrap(new String[] {"-Htcp://x:1", "dbg", "web"}, PLUGIN)));
    }

    @Test
    void configAndTlsOptionsBecomeTheEnvironment() {
        DockerCliPlugin.Invocation i = DockerCliPlugin.unwrap(new String[] {"--config", "/cfg", "--tlsverify",
                "--tlscacert", "/certs/ca.pem", "dbg", "web"}, PLUGIN);
        assertEquals(List.of("web"), args(i));
        assertEquals("/cfg", i.env().get("DOCKER_CONFIG"));
        assertEquals("1", i.env().get("DOCKER_TLS_VERIFY"));
        // Exactly the file named, never its folder (whose ca.pem may be another CA).
        assertEquals("/certs/ca.pem", i.env().get("DOCKER_DEBUG_TLSCACERT"));
        assertFalse(i.env().containsKey("DOCKER_CERT_PATH"));
        DockerCliPlugin.Invocation pair = DockerCliPlugin.unwrap(new String[] {"--tlsverify", "--tlscacert=/c/real-ca.pem",
                "--tlscert", "/k/me.pem", "--tlskey", "/k/me-key.pem", "dbg", "web"}, PLUGIN);
        assertEquals("/c/real-ca.pem", pair.env().get("DOCKER_DEBUG_TLSCACERT"));
        assertEquals("/k/me.pem", pair.env().get("DOCKER_DEBUG_TLSCERT"));
        assertEquals("/k/me-key.pem", pair.env().get("DOCKER_DEBUG_TLSKEY"));
        assertFalse(DockerCliPlugin.unwrap(new String[] {"--tlsverify=false", "dbg", "web"}, PLUGIN).env()
                .containsKey("DOCKER_TLS_VERIFY"));
    }

    @Test
    void somethingElseThanAPluginCallIsLeftAlone() {
        String[] args = {"web", "ps"};
        assertSame(args, DockerCliPlugin.unwrap(args, PLUGIN).args());
        String[] dangling = {"-H"};
        assertSame(dangling, DockerCliPlugin.unwrap(dangling, PLUGIN).args());
    }

    @Test
    void theMetadataIsTheProtocolsJson() throws Exception {
        assertTrue(DockerCliPlugin.isMetadataCall(new String[] {"docker-cli-plugin-metadata"}));
        assertFalse(DockerCliPlugin.isMetadataCall(new String[] {"docker-cli-plugin-metadata", "x"}));
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(DockerCliPlugin.metadata("1.2.3"));
        assertEquals("0.1.0", json.path("SchemaVersion").asText());
        assertEquals("1.2.3", json.path("Version").asText());
        assertFalse(json.path("ShortDescription").asText().isEmpty());
        assertFalse(json.path("Vendor").asText().isEmpty());
    }
}
