package io.dockerdebug.docker;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ssh:// and tcp:// hosts checked the way the docker CLI checks them, never echoing a password. */
class HostUrlTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ssh://user:s3cret-pw@host          | password",
            "ssh://user:s3cret-pw@host:22       | password",
            "tcp://user:s3cret-pw@host:2375     | password",
            "tcp://user:s3cret-pw@host/x?y      | password",
            "ssh://user@host?port=1             | query",
            "ssh://user@host#frag               | fragment",
            "tcp://host:2375?x                  | query",
            "ssh://-oProxyCommand=x@h           | user",
            "ssh://user@-oProxyCommand=x        | host",
            "tcp://-x:2375                      | host",
            "tcp://user@host:2375               | user",
            "ssh://us er:s3cret-pw@host         | invalid",
            "ssh://%2DoProxyCommand%3Dx@host    | user",
            "ssh://%2doProxyCommand=x@host      | user",
            "ssh://user%3As3cret-pw@host        | password",
            "ssh://us%0Aer@host                 | user",
            "ssh://us%7Fer@host                 | user",
            "ssh://%2D@host:22                  | user"})
    void refusedWithOneLineThatNeverEchoesTheSecret(String host, String word) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DockerEndpoint.parseHost(host));
        assertTrue(e.getMessage().contains(word), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret-pw"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ssh://user@host", "ssh://host:2222", "ssh://[::1]:22", "tcp://127.0.0.1:2375",
            "tcp://[::1]:2375", "unix:///var/run/docker.sock"})
    void ordinaryHostsPass(String host) {
        assertEquals(host, DockerEndpoint.parseHost(host).toString());
    }

    /** A URI that did not come through parseHost (a library caller's endpoint) gets the same check before ssh runs. */
    @ParameterizedTest
    @ValueSource(strings = {"ssh://%2DoProxyCommand%3Dtouch%20x@host", "ssh://us%0Aer@host", "ssh://%2D@host"})
    void sshRunsOnlyWhatPassesTheCheck(String url) {
        EngineException e = assertThrows(EngineException.class, () -> SshCommand.of(URI.create(url)));
        assertTrue(e.getMessage().contains("invalid user name"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ssh://[::1]:2222           | ::1",
            "ssh://me@[fe80::1]         | fe80::1",
            "ssh://me@example.org       | example.org"})
    void sshGetsTheHostWithoutBrackets(String url, String host) {
        List<String> cmd = SshCommand.of(URI.create(url)).command();
        assertEquals(List.of(host, "docker", "system", "dial-stdio"), cmd.subList(cmd.indexOf("--") + 1, cmd.size()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "ssh://u:pw@h            | ssh://u:xxxxx@h",
            "tcp://u:p@w@h:1         | tcp://u:xxxxx@h:1",
            "ssh://u%3Apw@h          | ssh://u:xxxxx@h",
            "ssh://u@h               | ssh://u@h"})
    void redactsThePassword(String host, String shown) {
        assertEquals(shown, DockerEndpoint.redacted(host));
    }
}
