package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which containers (of any state) to list: those carrying all of these labels (a null value:
 * the label with any value) and, when {@code ids} is not empty, with one of these ids.
 */
public record ContainerFilter(Map<String, String> labels, List<String> ids) {
    public ContainerFilter {
        // Null values mean "any value": Map.copyOf would refuse them.
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        ids = List.copyOf(ids);
    }

    /** The {@code filters} parameter of {@code GET /containers/json}. */
    ObjectNode toFilters() {
        ObjectNode filters = EngineJson.object();
        if (!labels.isEmpty()) {
            ArrayNode label = filters.putArray("label");
            labels.forEach((k, v) -> label.add(v == null ? k : k + "=" + v));
        }
        if (!ids.isEmpty()) {
            EngineJson.strings(filters.putArray("id"), ids);
        }
        return filters;
    }

    /** Every container. */
    public static ContainerFilter all() {
        return new ContainerFilter(Map.of(), List.of());
    }

    /** Containers carrying all of these labels. */
    public static ContainerFilter labels(Map<String, String> labels) {
        return new ContainerFilter(labels, List.of());
    }

    /** Containers with one of these ids. */
    public static ContainerFilter ids(List<String> ids) {
        return new ContainerFilter(Map.of(), ids);
    }

    /** Whether a container with these labels and this id passes, as the engine decides it. */
    public boolean matches(String id, Map<String, String> containerLabels) {
        boolean labelled = labels.entrySet().stream().allMatch(l -> containerLabels.containsKey(l.getKey())
                && (l.getValue() == null || l.getValue().equals(containerLabels.get(l.getKey()))));
        return labelled && (ids.isEmpty() || ids.stream().anyMatch(id::startsWith));
    }
}
