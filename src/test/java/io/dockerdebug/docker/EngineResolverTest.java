package io.dockerdebug.docker;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineResolverTest {
    @TempDir
    Path dockerConfig;

    private final Map<String, String> env = new HashMap<>();
    private final Map<String, EngineResolver.ProfileSettings> profiles = new HashMap<>();
    private String defaultProfile;

    @BeforeEach
    void setUp() throws IOException {
        env.put("DOCKER_CONFIG", dockerConfig.toString());
        env.put("HOME", "/home/u");
        context("plain", "tcp://plain:2375", false, false);
        context("secure", "tcp://secure:2376", false, true);
        context("skip", "tcp://skip:2376", true, false);
        profiles.put("p", new EngineResolver.ProfileSettings("p", "tcp://profile:2375", false, null, "1.40"));
        profiles.put("t", new EngineResolver.ProfileSettings("t", "tcp://t:2376", true, "/certs", null));
    }

    private void context(String name, String host, boolean skipVerify, boolean tlsFiles) throws IOException {
        String id = DockerCliConfig.sha256(name);
        Path meta = dockerConfig.resolve("contexts/meta/" + id + "/meta.json");
        Files.createDirectories(meta.getParent());
        Files.writeString(meta, "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
                + host + "\",\"SkipTLSVerify\":" + skipVerify + "}}}");
        if (tlsFiles) {
            Path tls = dockerConfig.resolve("contexts/tls/" + id + "/docker");
            Files.createDirectories(tls);
            Files.writeString(tls.resolve("ca.pem"), "x");
        }
    }

    private void currentContext(String name) throws IOException {
        Files.writeString(dockerConfig.resolve("config.json"), "{\"auths\":{},\"currentContext\":\"" + name + "\"}");
    }

    private DockerEndpoint resolve(String host, String context, String profile) {
        return EngineResolver.resolve(new EngineResolver.Request(host, context, profile, () -> new EngineResolver.Profiles() {
            public String defaultName() {
                return defaultProfile;
            }

            public EngineResolver.ProfileSettings get(String name) {
                return profiles.get(name);
            }

            public String where() {
                return "/cfg.toml";
            }
        }, env));
    }

    @Test
    void theOrderIsFlagEnvContextFlagContextEnvProfileDefaultProfileCurrentContextSocket() throws IOException {
        assertEquals("default socket", resolve(null, null, null).source());
        assertEquals(DockerEndpoint.DEFAULT_SOCKET, resolve(null, null, null).host().toString());
        currentContext("plain");
        assertEquals("tcp://plain:2375", resolve(null, null, null).host().toString());
        defaultProfile = "t";
        assertEquals("tcp://t:2376", resolve(null, null, null).host().toString());
        assertEquals("tcp://profile:2375", resolve(null, null, "p").host().toString());
        env.put("DOCKER_CONTEXT", "skip");
        assertEquals("tcp://skip:2376", resolve(null, null, "p").host().toString());
        assertEquals("tcp://secure:2376", resolve(null, "secure", "p").host().toString());
        env.put("DOCKER_HOST", "tcp://env:1");
        assertEquals("tcp://env:1", resolve(null, "secure", "p").host().toString());
        assertEquals("unix:///flag.sock", resolve("unix:///flag.sock", null, "p").host().toString());
        assertEquals("flag -H", resolve("unix:///flag.sock", null, "p").source());
    }

    @Test
    void hostAndContextTogetherConflictLikeTheDockerCli() {
        assertThrows(IllegalArgumentException.class, () -> resolve("tcp://h:1", "plain", null));
    }

    @Test
    void contextsCarryTheirTlsFilesAndSkipTlsVerify() {
        DockerEndpoint plain = resolve(null, "plain", null);
        assertFalse(plain.usesTls());
        DockerEndpoint secure = resolve(null, "secure", null);
        assertTrue(secure.usesTls());
        assertTrue(secure.tlsVerify());
        assertEquals(dockerConfig.resolve("contexts/tls/" + DockerCliConfig.sha256("secure") + "/docker"), secure.tlsCertDir());
        DockerEndpoint skip = resolve(null, "skip", null);
        assertTrue(skip.usesTls());
        assertFalse(skip.tlsVerify());
        assertNull(skip.tlsCertDir());
        assertEquals("context \"secure\" (flag --context)", secure.source());
    }

    @Test
    void anUnknownContextIsAnErrorNamingIt() throws IOException {
        EngineException e = assertThrows(EngineException.class, () -> resolve(null, "nope", null));
        assertTrue(e.getMessage().startsWith("context \"nope\" does not exist"), e.getMessage());
        env.put("DOCKER_CONTEXT", "gone");
        assertTrue(assertThrows(EngineException.class, () -> resolve(null, null, null)).getMessage().contains("\"gone\""));
        env.remove("DOCKER_CONTEXT");
        currentContext("vanished");
        assertTrue(assertThrows(EngineException.class, () -> resolve(null, null, null)).getMessage().contains("\"vanished\""));
    }

    @Test
    void dockerHostIgnoresTheCurrentContextAndItsTlsFiles() throws IOException {
        currentContext("secure");
        env.put("DOCKER_HOST", "tcp://env:2375");
        DockerEndpoint e = resolve(null, null, null);
        assertEquals("tcp://env:2375", e.host().toString());
        assertFalse(e.usesTls());
    }

    @Test
    void theDefaultContextIsTheDefaultSocket() throws IOException {
        currentContext("default");
        assertEquals(DockerEndpoint.DEFAULT_SOCKET, resolve(null, null, null).host().toString());
        assertEquals(DockerEndpoint.DEFAULT_SOCKET, resolve(null, "default", null).host().toString());
    }

    @Test
    void profilesPinVersionsAndUseTheirCertDir() {
        DockerEndpoint p = resolve(null, null, "p");
        assertEquals("1.40", p.apiVersion());
        assertFalse(p.usesTls());
        DockerEndpoint t = resolve(null, null, "t");
        assertTrue(t.usesTls());
        assertTrue(t.tlsVerify());
        assertEquals(Path.of("/certs"), t.tlsCertDir());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resolve(null, null, "zz")).getMessage()
                .equals("no profile named \"zz\" in /cfg.toml"));
        defaultProfile = "missing";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> resolve(null, null, null)).getMessage()
                .contains("config_default names \"missing\""));
    }

    @Test
    void theApiVersionFromTheEnvironmentApplies() {
        env.put("DOCKER_API_VERSION", "1.39");
        assertEquals("1.39", resolve(null, null, null).apiVersion());
        assertEquals("1.40", resolve(null, null, "p").apiVersion(), "a profile's pin wins");
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(ApiVersion.compare("1.41", "1.9") > 0);
        assertTrue(ApiVersion.compare("1.41", "1.51") < 0);
        assertEquals(0, ApiVersion.compare("1.41", "1.41"));
    }
}
