package io.dockerdebug.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The value model against what jackson-databind (a test dependency only) reads and writes:
 * same texts out of the same input, same bytes for the same values.
 */
class JsonTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    /** The text parsed, after checking that these fields read as databind reads them. */
    private static Json readsAsDatabind(String text, String... fields) throws IOException {
        Json j = Json.parse(text);
        var d = DATABIND.readTree(text);
        for (String f : fields) {
            assertEquals(d.get(f).asText(), j.path(f).asText(), f);
        }
        return j;
    }

    @Test
    void escapesAndUnicodeReadAsDatabindReadsThem() throws IOException {
        String text = "{\"a\":\"quote \\\" backslash \\\\ slash \\/ tab \\t nl \\n cr \\r bs \\b ff \\f nul \\u0000\","
                + "\"u\":\"\\u00e9t\\u00e9 \\ud83d\\ude00 raw: été 😀 中文\",\"ctl\":\"\\u001b[0m\"}";
        Json j = readsAsDatabind(text, "a", "u", "ctl");
        assertEquals("été 😀 raw: été 😀 中文", j.path("u").asText());
        assertTrue(j.path("a").asText().endsWith("nul \u0000"));
    }

    @Test
    void writesTheSameBytesAsDatabind() throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "quote \" backslash \\ ctl \u0001\u001f del \u007f nl \n été 😀 </script> \u2028");
        m.put("n", null);
        m.put("t", true);
        m.put("f", false);
        m.put("i", 42);
        m.put("big", Long.MAX_VALUE);
        m.put("neg", -7L);
        m.put("list", List.of("a", "b"));
        m.put("empty", List.of());
        m.put("nested", Map.of("x", List.of(Map.of("y", 1))));
        assertArrayEquals(DATABIND.writeValueAsBytes(m), Json.from(m).toBytes());
        assertEquals(DATABIND.writeValueAsString(m), Json.from(m).toString());
        assertEquals(DATABIND.valueToTree(m).toString(), Json.from(m).toString());
        assertEquals(DATABIND.valueToTree(m).toPrettyString(), Json.from(m).toPrettyString());
    }

    record Sample(String id, String name, long created, boolean kept) implements Json.Writable {
        @Override
        public Json toJson() {
            return Json.object().put("id", id).put("name", name).put("created", created).put("kept", kept);
        }
    }

    @Test
    void aRecordWritesAsDatabindWritesIt() throws IOException {
        List<Sample> list = List.of(new Sample("abc", null, 1700000000L, true), new Sample("d\"e", "n", 0, false));
        assertArrayEquals(DATABIND.writeValueAsBytes(Map.of("sidecars", list)),
                Json.from(Map.of("sidecars", list)).toBytes());
    }

    @Test
    void nullsAbsentFieldsAndUnknownFields() {
        Json j = Json.parse("{\"Id\":\"x\",\"Gone\":null,\"Unknown\":{\"Deep\":[1,{\"z\":[]}]},\"Labels\":null}");
        assertTrue(j.path("Gone").isNull());
        assertNull(j.text("Gone"));
        assertNull(j.text("Missing"));
        assertTrue(j.path("Missing").path("Deeper").path(3).isMissing());
        assertEquals("fallback", j.path("Gone").asText("fallback"));
        assertEquals("null", j.path("Gone").asText());
        assertEquals(Map.of(), j.path("Labels").stringMap());
        assertEquals(List.of(), j.path("Labels").stringList());
        assertEquals(0, j.path("Gone").asInt(0));
        assertFalse(j.hasNonNull("Gone"));
        assertTrue(j.hasNonNull("Id"));
        assertEquals(List.of("Id", "Gone", "Unknown", "Labels"), List.copyOf(j.properties().keySet()));
    }

    @Test
    void hugeNumbersKeepTheirDigitsAndDoNotPassForLongs() throws IOException {
        String text = "{\"big\":123456789012345678901234567890,\"exp\":1e999999999,\"neg\":-9223372036854775808,"
                + "\"frac\":3.25,\"small\":17,\"max\":9223372036854775807,\"over\":9223372036854775808}";
        Json j = readsAsDatabind(text, "big", "neg", "frac", "small", "max");
        assertEquals("123456789012345678901234567890", j.path("big").asText());
        assertEquals(-1, j.path("big").asLong(-1));
        assertEquals(-1, j.path("exp").asLong(-1));
        assertEquals(-1, j.path("over").asLong(-1));
        assertEquals(Long.MIN_VALUE, j.path("neg").asLong(0));
        assertEquals(Long.MAX_VALUE, j.path("max").asLong(0));
        assertEquals(-1, j.path("max").asInt(-1));
        assertEquals(3, j.path("frac").asLong(-1));
        assertEquals("3.25", j.path("frac").asText());
        assertEquals(17, j.path("small").asInt(-1));
        assertTrue(j.path("big").isNumber());
        assertFalse(j.path("big").isTextual());
        // Written back as they came.
        assertEquals(Json.parse(Json.parse(text).toString()), j);
    }

    @Test
    void booleansAndNumbersAsDatabindCoercesThem() throws IOException {
        String text = "{\"t\":true,\"f\":false,\"one\":1,\"zero\":0,\"st\":\"true\",\"sf\":\"false\",\"sx\":\"x\",\"n\":\"12\"}";
        Json j = Json.parse(text);
        var d = DATABIND.readTree(text);
        for (String f : List.of("t", "f", "one", "zero", "st", "sf", "sx", "n")) {
            assertEquals(d.get(f).asBoolean(false), j.path(f).asBoolean(false), f);
            assertEquals(d.get(f).asBoolean(true), j.path(f).asBoolean(true), f);
            assertEquals(d.get(f).asText(), j.path(f).asText(), f);
        }
        assertEquals(12, j.path("n").asInt(0));
    }

    @Test
    void aStreamOfValuesIsReadOneAtATime() throws IOException {
        byte[] stream = ("{\"status\":\"Pulling\",\"id\":\"l1\"}\r\n{\"status\":\"Done\"}\n"
                + "{\"error\":\"denied: \\u00e9\"}").getBytes(StandardCharsets.UTF_8);
        try (Json.Values values = Json.values(new ByteArrayInputStream(stream))) {
            assertEquals("l1", values.next().text("id"));
            assertEquals("Done", values.next().text("status"));
            assertEquals("denied: é", values.next().text("error"));
            assertNull(values.next());
        }
    }

    @Test
    void notJsonIsOneClearError() {
        for (String bad : List.of("", "  ", "{", "{\"a\":}", "[1,", "nope", "{\"a\":1} {\"b\":2}", "\"unterminated")) {
            assertThrows(Json.JsonException.class, () -> Json.parse(bad), bad);
        }
    }

    @Test
    void aRepeatedFieldKeepsTheLastValueAsDatabindDoes() throws IOException {
        String text = "{\"a\":1,\"a\":\"two\"}";
        assertEquals(DATABIND.readTree(text).get("a").asText(), Json.parse(text).path("a").asText());
    }

    @Test
    void builtBodiesWriteInTheirOrder() {
        Json body = Json.object().put("Image", "busybox").put("Cmd", Json.array())
                .put("Labels", Json.object().put("k", "v")).putIfSet("User", "").putIfSet("WorkingDir", "/w")
                .put("Env", Json.strings(List.of("A=é")));
        assertEquals("{\"Image\":\"busybox\",\"Cmd\":[],\"Labels\":{\"k\":\"v\"},\"WorkingDir\":\"/w\",\"Env\":[\"A=é\"]}",
                body.toString());
    }
}
