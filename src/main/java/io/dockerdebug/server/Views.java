package io.dockerdebug.server;

import io.dockerdebug.DockerDebug;
import io.dockerdebug.EngineInfo;
import io.dockerdebug.SidecarOptions;
import io.dockerdebug.json.Json;

import java.util.List;

/** The library's answers in the API's JSON shapes (times in epoch seconds, no labels). */
final class Views {
    private Views() {
    }

    // Each record's fields in the order they are declared, nulls written as null.

    record Engine(String name, String host, String source) implements Json.Writable {
        @Override
        public Json toJson() {
            return Json.object().put("name", name).put("host", host).put("source", source);
        }
    }

    record Container(String id, String name, String image, String state, String status, long created)
            implements Json.Writable {
        @Override
        public Json toJson() {
            return Json.object().put("id", id).put("name", name).put("image", image).put("state", state)
                    .put("status", status).put("created", created);
        }
    }

    record Sidecar(String id, String targetId, String targetName, String image, long created, boolean kept,
                   String state, String status) implements Json.Writable {
        @Override
        public Json toJson() {
            return Json.object().put("id", id).put("targetId", targetId).put("targetName", targetName)
                    .put("image", image).put("created", created).put("kept", kept).put("state", state)
                    .put("status", status);
        }
    }

    record Defaults(String image, String mountDir, String command) implements Json.Writable {
        @Override
        public Json toJson() {
            return Json.object().put("image", image).put("mountDir", mountDir).put("command", command);
        }
    }

    static List<Engine> engines(Engines engines) {
        return engines.names().stream().map(n -> {
            EngineInfo e = engines.get(n).engine();
            return new Engine(n, e.host(), e.source());
        }).toList();
    }

    /** The containers one may debug: sidecars have their own list. */
    static List<Container> containers(DockerDebug debug) {
        return debug.containers().stream().filter(c -> !c.isSidecar())
                .map(c -> new Container(c.id(), c.name(), c.image(), c.state(), c.status(), c.created().getEpochSecond()))
                .toList();
    }

    static List<Sidecar> sidecars(DockerDebug debug) {
        return debug.sidecars().stream()
                .map(s -> new Sidecar(s.id(), s.targetId(), s.targetName(), s.image(), s.created().getEpochSecond(),
                        s.kept(), s.state(), s.status()))
                .toList();
    }

    /** The config file's defaults for the page's form. */
    static Defaults defaults(DockerDebug debug) {
        SidecarOptions s = debug.sidecarDefaults();
        List<String> command = debug.commandDefaults().command();
        return new Defaults(s.image(), s.mountDir(), command.isEmpty() ? null : String.join(" ", command));
    }
}
