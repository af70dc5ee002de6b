package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dockerdebug.json.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine layer's reads of real answers, recorded from the engines the ITs run on (a
 * container of ours with a label full of escapes and unicode, a tmpfs, a volume, an exec that
 * exited 3), checked against what jackson-databind (a test dependency only) reads in them.
 */
class EngineAnswersTest {
    private static final ObjectMapper DATABIND = new ObjectMapper();

    private static byte[] answer(String engine, String file) throws IOException {
        try (InputStream in = EngineAnswersTest.class.getResourceAsStream("/engine-answers/" + engine + "/" + file)) {
            assertNotNull(in, engine + "/" + file);
            return in.readAllBytes();
        }
    }

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> all = new HashMap<>();
        labels.properties().forEach(e -> all.put(e.getKey(), e.getValue().asText()));
        return all;
    }

    private static List<String> strings(JsonNode array) {
        List<String> all = new ArrayList<>();
        array.forEach(e -> all.add(e.asText()));
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-20.10", "docker-26", "podman"})
    void aContainerInspectReadsAsDatabindReadsIt(String engine) throws IOException {
        byte[] bytes = answer(engine, "container-inspect.json");
        JsonNode d = DATABIND.readTree(bytes);
        ContainerDetails c = ContainerDetails.fromInspect(Json.parse(bytes));
        assertEquals(d.get("Id").asText(), c.id());
        assertEquals(d.get("Name").asText().replaceFirst("^/", ""), c.name());
        assertTrue(c.running());
        assertEquals(d.path("State").path("Pid").asInt(), c.pid());
        assertTrue(c.pid() > 0);
        assertEquals(labels(d.path("Config").path("Labels")), c.labels());
        assertEquals("quote \" backslash \\ été 😀 \u001b", c.labels().get("io.docker-debug.fixture"));
        assertEquals("", c.labels().get("empty"));
        assertTrue(c.hasTmpfs(), c.mounts().toString());
        assertTrue(c.mounts().stream().anyMatch(m -> m.destination().equals("/data") && m.readWrite()), c.mounts().toString());
        assertEquals(d.path("HostConfig").path("PidMode").asText(""), c.pidMode());
        String merged = d.path("GraphDriver").path("Data").path("MergedDir").asText("");
        assertEquals(merged.isEmpty() ? null : merged, c.mergedDir());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-20.10", "docker-26", "podman"})
    void aListAndAnOriginReadAsDatabindReadsThem(String engine) throws IOException {
        byte[] list = answer(engine, "container-list.json");
        JsonNode d = DATABIND.readTree(list).get(0);
        ContainerSummary s = ContainerSummary.fromList(Json.parse(list).path(0));
        assertEquals(d.get("Id").asText(), s.id());
        assertEquals(d.get("Names").get(0).asText().substring(1), s.name());
        assertEquals(d.get("Created").asLong(), s.created());
        assertTrue(s.created() > 1_600_000_000L);
        assertEquals(d.get("State").asText(), s.state());
        assertEquals(labels(d.get("Labels")), s.labels());

        byte[] container = answer(engine, "container-inspect.json");
        byte[] image = answer(engine, "image-inspect.json");
        ContainerOrigin o = ContainerOrigin.fromInspect(Json.parse(container), Json.parse(image));
        JsonNode dc = DATABIND.readTree(container);
        assertEquals(labels(dc.path("Config").path("Labels")), o.labels());
        assertEquals(labels(DATABIND.readTree(image).path("Config").path("Labels")), o.imageLabels());
        assertEquals(strings(dc.path("Config").path("Entrypoint")), o.entrypoint());
        assertEquals(List.of("sleep", "300"), o.entrypoint());
        assertEquals(strings(dc.path("Config").path("Cmd")), o.cmd());
        assertFalse(o.autoRemove());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-20.10", "docker-26", "podman"})
    void execStateVersionErrorAndEvents(String engine) throws IOException {
        assertEquals(new ExecState(false, 3), ExecState.fromInspect(Json.parse(answer(engine, "exec-inspect.json"))));

        JsonNode version = DATABIND.readTree(answer(engine, "version.json"));
        Json v = Json.parse(answer(engine, "version.json"));
        for (String f : List.of("Version", "ApiVersion", "MinAPIVersion", "Os", "Arch")) {
            assertEquals(version.get(f).asText(), v.text(f), f);
        }

        byte[] error = answer(engine, "error-no-such-container.json");
        String message = EngineErrors.message(error, 404);
        assertEquals(DATABIND.readTree(error).get("message").asText(), message);
        assertTrue(message.contains("no-such-fixture-container"), message);

        // The events of the container's life, as the engine streams them (one JSON value after another).
        byte[] events = answer(engine, "events.json");
        List<String> actions = new ArrayList<>();
        try (JsonEvents stream = new JsonEvents(new ByteArrayInputStream(events), () -> { })) {
            for (ContainerEvents.Event e = stream.next(); e != null; e = stream.next()) {
                actions.add(e.action());
                assertTrue(e.timeNano() > 1_600_000_000_000_000_000L, e.toString());
            }
        }
        List<String> expected = new ArrayList<>();
        DATABIND.readerFor(JsonNode.class).readValues(events)
                .forEachRemaining(n -> expected.add(((JsonNode) n).path("Action").asText(((JsonNode) n).path("status").asText())));
        assertEquals(expected, actions);
        assertTrue(actions.contains("start") && actions.contains("destroy") || actions.contains("remove"), actions.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker-20.10", "docker-26", "podman"})
    void anImageInspectGivesItsPlatformAndLayers(String engine) throws IOException {
        JsonNode d = DATABIND.readTree(answer(engine, "image-inspect.json"));
        Json j = Json.parse(answer(engine, "image-inspect.json"));
        assertEquals(d.get("Id").asText(), j.path("Id").asText());
        assertEquals(d.get("Os").asText() + "/" + d.get("Architecture").asText(),
                j.path("Os").asText() + "/" + j.path("Architecture").asText());
        ContainerDetails.Layers layers = ContainerDetails.layers(j, false);
        String driver = d.path("GraphDriver").path("Name").asText("");
        assertEquals(driver.startsWith("overlay") && !d.path("GraphDriver").path("Data").path("UpperDir").asText("").isEmpty(),
                layers != null, driver);
    }

    @org.junit.jupiter.api.Test
    void requestBodiesReadBackAsTheyWereMeant() throws IOException {
        String hostile = "a\"b\\c\u0000\u001b été 😀 \u2028";
        ContainerSpec spec = new ContainerSpec("img:1", List.of("/bin/sh", "-c", hostile), Map.of("io.docker-debug.x", hostile),
                List.of("/src:/dst:ro"), "container:abc", "container:abc", null, true, List.of("SYS_PTRACE"),
                List.of(), true, true);
        JsonNode body = DATABIND.readTree(spec.toCreateBody().toBytes());
        assertEquals(hostile, body.path("Entrypoint").get(2).asText());
        assertEquals(hostile, body.path("Labels").path("io.docker-debug.x").asText());
        assertTrue(body.path("Cmd").isArray() && body.path("Cmd").isEmpty());
        assertFalse(body.path("HostConfig").has("IpcMode"), "an unset mode is left to the engine");
        assertEquals("container:abc", body.path("HostConfig").path("PidMode").asText());
        assertTrue(body.path("HostConfig").path("AutoRemove").asBoolean());

        ExecSpec exec = new ExecSpec(List.of("echo", hostile), true, "", "/w", List.of("K=" + hostile));
        JsonNode e = DATABIND.readTree(exec.toCreateBody().toBytes());
        assertEquals(hostile, e.path("Cmd").get(1).asText());
        assertEquals("K=" + hostile, e.path("Env").get(0).asText());
        assertFalse(e.has("User"), "an empty user is the image's");
        assertEquals("/w", e.path("WorkingDir").asText());
        assertTrue(e.path("Tty").asBoolean());

        ContainerFilter filter = new ContainerFilter(Map.of("k", "v é"), List.of("abc"));
        JsonNode f = DATABIND.readTree(filter.toFilters().toBytes());
        assertEquals("k=v é", f.path("label").get(0).asText());
        assertEquals("abc", f.path("id").get(0).asText());
    }
}
