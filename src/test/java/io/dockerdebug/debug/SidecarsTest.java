package io.dockerdebug.debug;

import io.dockerdebug.docker.ContainerOrigin;
import io.dockerdebug.docker.ContainerSpec;
import io.dockerdebug.docker.ContainerSummary;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code rm}: nothing is removed on a guess. */
class SidecarsTest {
    private static final String LIVE = "aaaa1111";
    private static final String KEPT = "0123aaaa";
    private final FakeEngine engine = new FakeEngine();
    private final Sidecars sidecars = new Sidecars(engine);

    SidecarsTest() {
        ContainerSpec planned = SidecarPlanner.plan(Targets.request(), Targets.running()).container();
        Map<String, String> labels = new HashMap<>(planned.labels());
        labels.put(Labels.CLIENT, ClientId.current().label());
        engine.add(LIVE, new ContainerSpec(planned.image(), planned.entrypoint(), labels, planned.binds(),
                planned.pidMode(), planned.networkMode(), planned.ipcMode(), false, List.of(), List.of(), true, true),
                "running", 1);
        engine.add(KEPT, KeptSidecars.spec(planned), "running", 2);
    }

    /** With a single sidecar, "" is a prefix of its id and nothing else's: still not a name. */
    @Test
    void anEmptyIdRemovesNothing() {
        engine.removeContainer(KEPT);
        Sidecars.Removal r = sidecars.remove(List.of(""), false, null);
        assertEquals(List.of(), r.removed());
        assertEquals(1, r.errors().size(), r.errors().toString());
        assertEquals(Set.of(LIVE), engine.containers);
        assertEquals(List.of(), sidecars.remove(List.of(" "), false, null).removed());
    }

    @Test
    void anAmbiguousPrefixRemovesNothingAndAUniqueOneRemovesOne() {
        engine.add("aaaa2222", specOf(LIVE), "running", 3);
        Sidecars.Removal r = sidecars.remove(List.of("aaaa"), false, null);
        assertEquals(List.of(), r.removed());
        assertTrue(r.errors().getFirst().contains("ambiguous"), r.errors().toString());
        assertEquals(List.of(LIVE), sidecars.remove(List.of("aaaa1"), false, null).removed());
    }

    /** --target names no container: an error, not a prefix match on the kept sidecars' target ids. */
    @Test
    void allKeptOfATargetThatDoesNotResolveIsAnError() {
        engine.target = null;
        Sidecars.Removal r = sidecars.remove(List.of(), true, Targets.ID.substring(0, 2));
        assertEquals(List.of(), r.removed());
        assertEquals(List.of("no such container: " + Targets.ID.substring(0, 2)), r.errors());
        assertEquals(Set.of(LIVE, KEPT), engine.containers);
    }

    @Test
    void allKeptOfATargetRemovesItsKeptSidecarsOnly() {
        Sidecars.Removal r = sidecars.remove(List.of(), true, "web");
        assertEquals(List.of(KEPT), r.removed());
        assertEquals(List.of(), r.errors());
        assertEquals(Set.of(LIVE), engine.containers);
    }

    /** Our labels on a container we did not create: ps does not list it, rm by id refuses, rm --all passes it by. */
    @Test
    void lookAlikesAreNeverRemoved() {
        Map<String, String> labels = engine.summaries.stream().filter(c -> c.id().equals(KEPT)).findFirst()
                .orElseThrow().labels();
        engine.add(new ContainerSummary("feed0001", "running", 5, labels),
                new ContainerOrigin("feed0001", labels, labels, List.of("/app"), List.of(), false, false, ""));
        assertEquals(List.of(KEPT, LIVE), sidecars.list().stream().map(Sidecars.Sidecar::id).toList(),
                "ps lists our sidecars only");
        Sidecars.Removal all = sidecars.remove(List.of(), true, null);
        assertEquals(List.of(KEPT), all.removed());
        Sidecars.Removal named = sidecars.remove(List.of("feed"), false, null);
        assertEquals(List.of(), named.removed());
        assertTrue(named.errors().getFirst().contains("not a sidecar docker-debug created"), named.errors().toString());
        assertTrue(engine.containers.contains("feed0001"));
    }

    private ContainerSpec specOf(String id) {
        ContainerOrigin o = engine.origins.get(id);
        return new ContainerSpec("toolbox", o.entrypoint(), o.labels(), List.of(), o.pidMode(), o.pidMode(), null,
                false, List.of(), List.of(), o.openStdin(), o.autoRemove());
    }
}
