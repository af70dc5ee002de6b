package io.dockerdebug.server;

import io.dockerdebug.DockerDebug;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engines the server offers, each a connected {@link DockerDebug} (the public library: the
 * CLI is its other front end). The first is the default one. Closing ends every session of every
 * engine and removes its sidecar.
 */
public final class Engines implements AutoCloseable {
    private final Map<String, DockerDebug> byName;

    /** @param byName the engines in the page's order, the default first; this takes them over */
    public Engines(Map<String, DockerDebug> byName) {
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("no engine");
        }
        this.byName = new LinkedHashMap<>(byName);
    }

    List<String> names() {
        return new ArrayList<>(byName.keySet());
    }

    /** The engine of this name; a 404 API error for another. */
    DockerDebug get(String name) {
        DockerDebug d = byName.get(name);
        if (d == null) {
            throw ApiException.ours(404, "no such engine: " + Requests.printable(name));
        }
        return d;
    }

    @Override
    public void close() {
        byName.values().forEach(DockerDebug::close);
    }
}
