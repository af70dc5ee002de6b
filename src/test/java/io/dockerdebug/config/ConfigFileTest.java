package io.dockerdebug.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigFileTest {
    @TempDir
    Path dir;

    private ConfigFile file(String text) throws IOException {
        Path p = dir.resolve("config.toml");
        if (text != null) {
            Files.writeString(p, text);
        }
        return ConfigFile.locate(p.toString(), Map.of("HOME", dir.toString()));
    }

    @Test
    void locationIsFlagThenEnvThenHome() {
        Map<String, String> env = Map.of("HOME", "/home/u", "DOCKER_DEBUG_CONFIG", "/etc/dd.toml");
        assertEquals(Path.of("/x.toml"), ConfigFile.locate("/x.toml", env).path());
        assertEquals(Path.of("/etc/dd.toml"), ConfigFile.locate(null, env).path());
        assertEquals(Path.of("/home/u/.docker-debug/config.toml"), ConfigFile.locate(null, Map.of("HOME", "/home/u")).path());
    }

    @Test
    void aMissingFileIsDefaultsAndNothingIsWritten() throws IOException {
        ConfigFile f = file(null);
        Config c = f.load();
        assertFalse(c.exists());
        assertNull(c.image());
        assertNull(c.timeout());
        assertFalse(Files.exists(f.path()));
        assertEquals(0, Files.list(dir).count());
    }

    @Test
    void configIsReadOnceUntilAChangeThroughTheFileAndFailsWithTheCallersError() throws IOException {
        ConfigFile f = file("image = \"a\"\n");
        Config first = f.config(IllegalStateException::new);
        assertEquals("a", first.image());
        Files.writeString(f.path(), "image = \"b\"\n");
        assertSame(first, f.config(IllegalStateException::new), "read once");
        f.setProfile("p", "tcp://h:1", null, null, false);
        assertEquals("b", f.config(IllegalStateException::new).image(), "read again after a change");
        Path bad = Files.writeString(dir.resolve("bad.toml"), "[config.x\n");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> ConfigFile.locate(bad.toString(), Map.of()).config(IllegalStateException::new));
        assertTrue(e.getMessage().endsWith(":1: expected ']' after the table name"), e.getMessage());
    }

    @Test
    void readsKeysAndProfiles() throws IOException {
        Config c = file("""
                # comment
                image = "busybox:1" # trailing comment
                mount_dir = ''
                command = "bash -l"
                timeout = "1500ms"
                config_default = "remote"
                version = "0.7.10"   # the Go original's own version: ignored

                [config.remote]
                host = "tcp://h:2376"
                tls = true
                cert_dir = "~/certs"
                version = "1.41"
                cert_password = ""

                [config."with space"]
                host = "ssh://me@h"
                """).load();
        assertEquals("busybox:1", c.image());
        assertEquals("", c.mountDir());
        assertEquals("bash -l", c.command());
        assertEquals(Duration.ofMillis(1500), c.timeout());
        assertEquals("remote", c.defaultProfile());
        Profile r = c.profiles().get("remote");
        assertEquals(new Profile("remote", "tcp://h:2376", true, dir.resolve("certs").toString(), "1.41"), r);
        assertEquals("ssh://me@h", c.profiles().get("with space").host());
    }

    @Test
    void timeoutsInSecondsAndInTheGoOriginalsNanoseconds() throws IOException {
        assertEquals(Duration.ofSeconds(7), file("timeout = 7\n").load().timeout());
        assertEquals(Duration.ofSeconds(10), file("timeout = 10000000000\n").load().timeout());
    }

    @Test
    void chrootIsABooleanLeftNullWhenUnset() throws IOException {
        assertEquals(Boolean.TRUE, file("chroot = true\n").load().chroot());
        assertEquals(Boolean.FALSE, file("chroot = false\n").load().chroot());
        assertNull(file("image = \"a\"\n").load().chroot());
        assertTrue(assertThrows(ConfigException.class, () -> file("chroot = \"yes\"\n").load())
                .getMessage().endsWith(":1: 'chroot' must be true or false"));
    }

    @Test
    void malformedFilesNameTheFileAndLine() throws IOException {
        ConfigFile f = file("image = \"a\"\n\nmount_dir = /mnt\n");
        ConfigException e = assertThrows(ConfigException.class, f::load);
        assertEquals(f.path() + ":3: invalid value '/mnt' (strings need quotes)", e.getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> file("[config.x\n").load()).getMessage().endsWith(":1: expected ']' after the table name"));
        assertTrue(assertThrows(ConfigException.class, () -> file("imgae = \"x\"\n").load()).getMessage().endsWith(":1: unknown key 'imgae'"));
        assertTrue(assertThrows(ConfigException.class, () -> file("a = 1\n[config.p]\ntls = \"yes\"\n").load())
                .getMessage().contains(":1: unknown key 'a'"));
        assertTrue(assertThrows(ConfigException.class, () -> file("[config.p]\ntls = \"yes\"\n").load())
                .getMessage().endsWith(":2: 'tls' must be true or false"));
        assertTrue(assertThrows(ConfigException.class, () -> file("image = \"a\"\nimage = \"b\"\n").load())
                .getMessage().endsWith(":2: key 'image' is defined twice"));
        assertTrue(assertThrows(ConfigException.class, () -> file("image = \"a\n").load())
                .getMessage().endsWith(":1: unterminated string"));
    }

    /** Each a ConfigException naming the file and the line, never a raw Java exception. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "image = 'a'\\ntimeout = \"99999999999999999999h\"   | :2: 'timeout' must be at most 24h",
            "timeout = \"9999999999999999h\"                      | :1: 'timeout' must be at most 24h",
            "timeout = \"25h\"                                    | :1: 'timeout' must be at most 24h",
            "timeout = 9223372036854775807                         | :1: 'timeout' must be at most 24h",
            "image = 'a'\\n\\na.b.c = 1                           | :3: unknown table [a]",
            "image = 'a'\\n[foo.bar]                              | :2: unknown table [foo]"})
    void outOfRangeAndDottedKeysAreOneLineWithTheirLine(String text, String expected) throws IOException {
        ConfigFile f = file(text.replace("\\n", "\n") + "\n");
        ConfigException e = assertThrows(ConfigException.class, f::load);
        assertEquals(f.path() + expected, e.getMessage());
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstKey() throws IOException {
        assertEquals("mine", file("\uFEFFimage = \"mine\"\n").load().image());
        assertEquals(Duration.ofHours(24), file("timeout = \"24h\"\n").load().timeout());
    }

    @Test
    void aMalformedFileIsNeverRewritten() throws IOException {
        String bad = "image = \"a\"\n[config.p\n";
        ConfigFile f = file(bad);
        assertThrows(ConfigException.class, () -> f.setProfile("p", "tcp://h:1", null, null, true));
        assertThrows(ConfigException.class, () -> f.use("p"));
        assertEquals(bad, Files.readString(f.path()));
    }

    @Test
    void initRefusesToOverwriteUnlessForced() throws IOException {
        ConfigFile f = file("image = \"mine\"\n");
        ConfigException e = assertThrows(ConfigException.class, () -> f.init(false));
        assertTrue(e.getMessage().contains("already exists"));
        assertEquals("image = \"mine\"\n", Files.readString(f.path()));
        f.init(true);
        assertEquals(ConfigFile.defaultText(), Files.readString(f.path()));
        Config c = f.load();
        assertEquals("nicolaka/netshoot:latest", c.image());
        assertTrue(c.profiles().isEmpty());
    }

    @Test
    void settingAProfileChangesOnlyItsLinesAndKeepsComments() throws IOException {
        ConfigFile f = file("""
                # my settings
                image = "busybox" # mine

                [config.a]
                host = "tcp://a:1" # keep me
                tls = false
                """);
        f.setProfile("a", "tcp://a:2", true, null, false);
        f.setProfile("b", "ssh://b", null, "/certs", false);
        f.use("b");
        assertEquals("""
                # my settings
                image = "busybox" # mine
                config_default = "b"

                [config.a]
                host = "tcp://a:2"
                tls = true

                [config.b]
                host = "ssh://b"
                cert_dir = "/certs"
                """, Files.readString(f.path()));
        assertThrows(ConfigException.class, () -> f.use("zzz"));
    }

    @Test
    void initsCommentedExamplesTakeTheSettingsPlace() throws IOException {
        ConfigFile f = file(null);
        f.init(false);
        f.setProfile("x", "tcp://x:1", null, null, true);
        String text = Files.readString(f.path());
        assertTrue(text.contains("\n(set it with: docker-debug use NAME).\nconfig_default = \"x\"\n".replace("(set", "# (set")), text);
        assertFalse(text.contains("# config_default"), text);
        assertEquals("x", f.load().defaultProfile());
        assertEquals("tcp://x:1", f.load().profiles().get("x").host());
    }
}
