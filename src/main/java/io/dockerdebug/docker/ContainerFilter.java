package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

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
    Json toFilters() {
        Json filters = Json.object();
        if (!labels.isEmpty()) {
            Json label = Json.array();
            labels.forEach((k, v) -> label.add(v == null ? k : k + "=" + v));
            filters.put("label", label);
        }
        if (!ids.isEmpty()) {
            filters.put("id", Json.strings(ids));
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
