package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarPrunerTest {
    private static final long NOW = 1_000_000;
    private static final ClientId SELF = new ClientId("boot-a", "4026531836", 100, 5000);
    /** Processes of this machine: pid 200 started at 7000, pid 300 at 9000. */
    private static final Map<Long, Long> PROCESSES = Map.of(100L, 5000L, 200L, 7000L, 300L, 9000L);

    private final FakeEngine engine = new FakeEngine();
    private final SidecarPruner pruner = new SidecarPruner(engine, SELF,
            pid -> Optional.ofNullable(PROCESSES.get(pid)), Instant.ofEpochSecond(NOW));

    private static ContainerSummary sidecar(String id, String state, long ageSeconds, String client) {
        Map<String, String> labels = new HashMap<>(Map.of(Labels.SIDECAR, "true", Labels.TARGET, "t1"));
        if (client != null) {
            labels.put(Labels.CLIENT, client);
        }
        return new ContainerSummary(id, state, NOW - ageSeconds, labels);
    }

    /** state | age in s | client label (- for none) | stale */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // a local client that still runs: never
            "created | 1    | boot-a/4026531836/200/7000 | false",
            "running | 1000 | boot-a/4026531836/200/7000 | false",
            "created | 1000 | boot-a/4026531836/200/7000 | false",
            // a local client that is gone (no pid, or the pid was reused): always, at once
            "created | 1    | boot-a/4026531836/201/7000 | true",
            "running | 1    | boot-a/4026531836/201/7000 | true",
            "running | 1    | boot-a/4026531836/300/7000 | true",
            // a client we cannot check (other boot or machine, other pid namespace, no label)
            "running | 1000 | boot-b/4026531836/201/7000 | false",
            "running | 1000 | boot-a/4026532000/201/7000 | false",
            "running | 1000 | -                          | false",
            "created | 1    | boot-b/4026531836/201/7000 | false",
            "created | 1    | -                          | false",
            "created | 1000 | boot-b/4026531836/201/7000 | true",
            "created | 1000 | -                          | true",
            "exited  | 1000 | -                          | true",
            "dead    | 1000 | -                          | true",
            "paused  | 1000 | -                          | false",
            "created | 1000 | garbage                    | true",
            "running | 1    | garbage                    | false"})
    void staleness(String state, long age, String client, boolean stale) {
        assertEquals(stale, pruner.isStale(sidecar("c", state, age, client.equals("-") ? null : client)));
    }

    @Test
    void pruneRemovesOnlyTheStaleOnesOfTheTargetAsked() {
        engine.summaries.add(sidecar("gone", "created", 1, "boot-a/4026531836/201/7000"));
        engine.summaries.add(sidecar("alive", "running", 1, "boot-a/4026531836/200/7000"));
        engine.summaries.add(sidecar("old", "exited", 1000, null));
        engine.containers.addAll(List.of("gone", "alive", "old"));

        assertEquals(List.of("gone", "old"), pruner.prune("t1", false));
        assertEquals(java.util.Set.of("alive"), engine.containers);
        assertTrue(engine.calls.contains("list [" + Labels.SIDECAR + ", " + Labels.TARGET + "]"), engine.calls.toString());
    }

    @Test
    void theBackgroundSweepLeavesSidecarsWithoutAClientLabelAlone() {
        engine.summaries.add(sidecar("gone", "created", 1, "boot-a/4026531836/201/7000"));
        engine.summaries.add(sidecar("old", "exited", 1000, null));
        engine.containers.addAll(List.of("gone", "old"));

        assertEquals(List.of("gone"), pruner.pruneQuietly());
        assertTrue(engine.containers.contains("old"));
    }

    @Test
    void theClientLabelRoundTripsAndNamesThisProcess() {
        ClientId self = ClientId.current();
        assertEquals(Optional.of(self), ClientId.parse(self.label()));
        assertEquals(ProcessHandle.current().pid(), self.pid());
        assertFalse(self.isGone(self, ClientId::startOf), "this process runs: " + self.label());
        ClientId dead = new ClientId(self.bootId(), self.pidNamespace(), self.pid(), self.startMillis() - 1);
        assertTrue(dead.isGone(self, ClientId::startOf), "same pid, other start: a reused pid");
        assertFalse(ClientId.parse(null).isPresent());
        assertFalse(ClientId.parse("a/b/c").isPresent());
    }
}
