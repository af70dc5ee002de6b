package io.dockerdebug.debug;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PortMappingTest {
    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "6379;127.0.0.1;6379;6379",
            "16379:6379;127.0.0.1;16379;6379",
            "0:80;127.0.0.1;0;80",
            "0.0.0.0:8080:80;0.0.0.0;8080;80",
            "[::1]:8080:80;::1;8080;80",
            "localhost:1:2;localhost;1;2"})
    void parses(String spec, String addr, int local, int remote) {
        assertEquals(new PortMapping(addr, local, remote), PortMapping.parse(spec));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "0", "65536", "1:0", "a:b", ":1:2", "-1:80"})
    void badSpecsAreOneLine(String spec) {
        DebugException e = assertThrows(DebugException.class, () -> PortMapping.parse(spec));
        assertEquals(125, e.exitCode());
        assertTrue(e.getMessage().contains("[[LOCAL_ADDR:]LOCAL_PORT:]REMOTE_PORT"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
