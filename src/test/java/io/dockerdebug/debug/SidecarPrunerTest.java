package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerOrigin;
import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.ContainerSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarPrunerTest {
    private static final long NOW = 1_000_000;
    private static final ClientId SELF = new ClientId("boot-a", "4026531836", 100, 5000);

    /**
     * This machine as a client sees it: pids 100, 200 and 300 are visible (start ticks 5000, 7000,
     * 9000); pid 400 runs but is hidden (hidepid, another user: /proc unreadable, kill says EPERM);
     * every other pid is proven absent (kill says ESRCH).
     */
    static final class FakeProcesses implements Processes {
        final Map<Long, Long> visible = new HashMap<>(Map.of(100L, 5000L, 200L, 7000L, 300L, 9000L));
        final Set<Long> hidden = Set.of(400L);

        @Override
        public OptionalLong startTicks(long pid) {
            Long start = visible.get(pid);
            return start == null ? OptionalLong.empty() : OptionalLong.of(start);
        }

        @Override
        public boolean provenAbsent(long pid) {
            return !visible.containsKey(pid) && !hidden.contains(pid);
        }
    }

    private final FakeEngine engine = new FakeEngine();
    private final FakeProcesses processes = new FakeProcesses();
    private final SidecarPruner pruner = new SidecarPruner(engine, SELF, processes, Instant.ofEpochSecond(NOW));

    /** A sidecar as docker-debug creates it (client label given, or none: - ). */
    private static ContainerSpec sidecarSpec(String client) {
        Map<String, String> labels = new HashMap<>(Map.of(Labels.SIDECAR, "true", Labels.TARGET, Targets.ID));
        if (client != null) {
            labels.put(Labels.CLIENT, client);
        }
        return new ContainerSpec("toolbox", SidecarScript.KEEPER.argv(), labels, List.of(), "container:" + Targets.ID,
                "container:" + Targets.ID, null, false, List.of(), List.of(), true, true);
    }

    private static ContainerSummary sidecar(String id, String state, long ageSeconds, String client) {
        return new ContainerSummary(id, state, NOW - ageSeconds, sidecarSpec(client).labels());
    }

    private void add(String id, String state, long ageSeconds, String client) {
        engine.add(id, sidecarSpec(client), state, NOW - ageSeconds);
    }

    /** state | age in s | client label (- for none) | stale */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // a local client that still runs: never
            "created | 1    | boot-a/4026531836/200/t7000 | false",
            "running | 1000 | boot-a/4026531836/200/t7000 | false",
            "created | 1000 | boot-a/4026531836/200/t7000 | false",
            // a local client that is proven gone (ESRCH, or the pid was reused): always, at once
            "created | 1    | boot-a/4026531836/201/t7000 | true",
            "running | 1    | boot-a/4026531836/201/t7000 | true",
            "running | 1    | boot-a/4026531836/300/t7000 | true",
            // a local client whose pid cannot be seen (hidepid, another user's): alive
            "running | 1    | boot-a/4026531836/400/t7000 | false",
            "running | 1000 | boot-a/4026531836/400/t7000 | false",
            "created | 1    | boot-a/4026531836/400/t7000 | false",
            // a label without a start time (an unreadable one) proves nothing
            "running | 1    | boot-a/4026531836/201/t0    | false",
            // the former millisecond format is not ours: never judged by its pid
            "running | 1    | boot-a/4026531836/201/7000  | false",
            // a client we cannot check (other boot or machine, other pid namespace, no label)
            "running | 1000 | boot-b/4026531836/201/t7000 | false",
            "running | 1000 | boot-a/4026532000/201/t7000 | false",
            "running | 1000 | null/null/201/t7000         | false",
            "running | 1000 | -                           | false",
            "created | 1    | boot-b/4026531836/201/t7000 | false",
            "created | 1    | -                           | false",
            "created | 1000 | boot-b/4026531836/201/t7000 | true",
            "created | 1000 | -                           | true",
            "exited  | 1000 | -                           | true",
            "dead    | 1000 | -                           | true",
            "paused  | 1000 | -                           | false",
            "created | 1000 | garbage                     | true",
            "running | 1    | garbage                     | false"})
    void staleness(String state, long age, String client, boolean stale) {
        assertEquals(stale, pruner.isStale(sidecar("c", state, age, client.equals("-") ? null : client)));
    }

    @Test
    void pruneRemovesOnlyTheStaleOnesOfTheTargetAsked() {
        add("gone", "created", 1, "boot-a/4026531836/201/t7000");
        add("alive", "running", 1, "boot-a/4026531836/200/t7000");
        add("hidden", "running", 1, "boot-a/4026531836/400/t7000");
        add("old", "exited", 1000, "boot-b/4026531836/201/t7000");

        assertEquals(List.of("gone", "old"), pruner.prune(Targets.ID, false));
        assertEquals(Set.of("alive", "hidden"), engine.containers);
        assertTrue(engine.calls.contains("list [" + Labels.SIDECAR + ", " + Labels.TARGET + "]"), engine.calls.toString());
    }

    @Test
    void theBackgroundSweepLeavesSidecarsWithoutAClientLabelAlone() {
        add("gone", "created", 1, "boot-a/4026531836/201/t7000");
        add("old", "exited", 1000, null);

        assertEquals(List.of("gone"), pruner.pruneQuietly());
        assertTrue(engine.containers.contains("old"));
    }

    /** Stale by its labels, but not a sidecar we created: never removed, by prune or the sweep. */
    @Test
    void containersThatOnlyCarryOurLabelsAreNeverRemoved() {
        String client = "boot-a/4026531836/201/t7000";
        ContainerSummary summary = sidecar("app", "exited", 1000, client);
        // An app container whose image was built with our labels (its own command, no AutoRemove).
        engine.add(summary, new ContainerOrigin("app", summary.labels(), summary.labels(), List.of("/app"), List.of(),
                false, false, ""));
        ContainerSummary committed = sidecar("commit", "exited", 1000, client);
        // A container run from a docker commit of a sidecar: our command and labels, from its image.
        engine.add(committed, new ContainerOrigin("commit", committed.labels(), committed.labels(),
                SidecarScript.KEEPER.argv(), List.of(), true, true, "container:" + Targets.ID));

        assertEquals(List.of(), pruner.prune(null, false));
        assertEquals(List.of(), pruner.pruneQuietly());
        assertEquals(Set.of("app", "commit"), engine.containers);
        assertTrue(engine.calls.stream().noneMatch(c -> c.startsWith("remove")), engine.calls.toString());
    }
}
