package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerDetails;
import io.dockerdebug.docker.ContainerFilter;
import io.dockerdebug.docker.ContainerSummary;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.EngineException;
import io.dockerdebug.docker.ShortId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The sidecars on an engine: listing them ({@code ps}) and removing them ({@code rm}). */
public final class Sidecars {

    /**
     * One sidecar.
     *
     * @param targetName the target's name, or its short id when the target is gone
     * @param kept       left running by {@code --keep}; otherwise a live session's
     */
    public record Sidecar(String id, String targetId, String targetName, String image, Instant created, boolean kept,
                          String state, String status) {
        public String shortId() {
            return ShortId.of(id);
        }
    }

    /** What {@code rm} did: removed ids, and one message per name that is not a sidecar. */
    public record Removal(List<String> removed, List<String> errors) {
    }

    private final DockerEngine engine;

    public Sidecars(DockerEngine engine) {
        this.engine = engine;
    }

    /**
     * Every sidecar docker-debug created, newest first. Labels are not proof (an image built with
     * our labels gives them to its containers): like rm and prune, ps shows only what passes
     * {@link OwnSidecars}, so a look-alike is never offered as ours to remove or exec into.
     */
    public List<Sidecar> list() {
        return labelled().stream().filter(s -> OwnSidecars.isOurs(engine, s.id())).toList();
    }

    /** Every container with the sidecar label, ours or not (what rm names and refuses), newest first. */
    private List<Sidecar> labelled() {
        List<ContainerSummary> sidecars = engine.listContainers(ContainerFilter.labels(Map.of(Labels.SIDECAR, "true")));
        Set<String> targetIds = new LinkedHashSet<>();
        sidecars.forEach(s -> targetIds.add(s.labels().getOrDefault(Labels.TARGET, "")));
        targetIds.remove("");
        Map<String, String> names = new HashMap<>();
        if (!targetIds.isEmpty()) {
            engine.listContainers(ContainerFilter.ids(List.copyOf(targetIds)))
                    .forEach(t -> names.put(t.id(), t.name()));
        }
        List<Sidecar> all = new ArrayList<>();
        for (ContainerSummary s : sidecars) {
            String targetId = s.labels().getOrDefault(Labels.TARGET, "");
            String targetName = names.getOrDefault(targetId, ShortId.of(targetId));
            all.add(new Sidecar(s.id(), targetId, targetName, s.image(), Instant.ofEpochSecond(s.created()),
                    "true".equals(s.labels().get(Labels.KEEP)), s.state(), s.status()));
        }
        all.sort(Comparator.comparing(Sidecar::created).reversed());
        return all;
    }

    /**
     * Removes the named sidecars (full id or unique id prefix); with {@code allKept}, also every
     * kept sidecar, or only those of {@code target} when it is not null. Nothing is removed on a
     * guess: an empty or ambiguous prefix, a {@code target} that is no container, or a container
     * that only looks like a sidecar is reported, never removed.
     */
    public Removal remove(List<String> names, boolean allKept, String target) {
        List<Sidecar> sidecars = labelled();
        Set<String> ids = new LinkedHashSet<>();
        Set<String> named = new LinkedHashSet<>();
        List<String> errors = new ArrayList<>();
        for (String name : names) {
            List<Sidecar> matches = name.isBlank() ? List.of()
                    : sidecars.stream().filter(s -> s.id().startsWith(name)).toList();
            if (name.isBlank()) {
                errors.add("an empty sidecar id matches nothing");
            } else if (matches.size() == 1) {
                named.add(matches.getFirst().id());
            } else if (matches.size() > 1) {
                errors.add("sidecar id prefix " + name + " is ambiguous");
            } else {
                errors.add("no such sidecar: " + name);
            }
        }
        if (allKept) {
            String targetId = null;
            if (target != null) {
                try {
                    targetId = target.isBlank() ? null : engine.inspectContainer(target).id();
                } catch (EngineException e) {
                    if (!e.isNotFound()) {
                        throw e;
                    }
                }
                if (targetId == null) {
                    // A target that is gone took its kept sidecars with it (they share its pid namespace).
                    errors.add("no such container: " + target);
                    return new Removal(List.of(), errors);
                }
            }
            for (Sidecar s : sidecars) {
                if (s.kept() && (targetId == null || s.targetId().equals(targetId))) {
                    ids.add(s.id());
                }
            }
        }
        ids.addAll(named);
        List<String> removed = new ArrayList<>();
        for (String id : ids) {
            if (!OwnSidecars.isOurs(engine, id)) {
                // Named: say why not; found by --all: it is simply not one of ours.
                if (named.contains(id)) {
                    errors.add("not removing " + ShortId.of(id)
                        + ": it carries docker-debug labels but is not a sidecar docker-debug created");
                }
                continue;
            }
            engine.removeContainer(id);
            removed.add(id);
        }
        return new Removal(removed, errors);
    }
}
