package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The parts of a container inspect that planning a sidecar needs, read from the raw JSON
 * (docker-java's GraphData has no getter for MergedDir).
 *
 * @param mergedDir overlay root on the host, or null (containerd snapshotter, vfs, zfs, btrfs)
 * @param pidMode   "" for a private pid namespace, "host", or "container:ID"
 * @param mounts    volumes and binds, tmpfs mounts (no source) and the files the engine mounts
 *                  itself (/etc/hosts, /etc/resolv.conf, /etc/hostname), as the target sees them
 * @param readOnlyRoot the target runs with {@code --read-only}
 * @param layers    its overlay layers (for a target that does not run), or null (another storage driver)
 */
public record ContainerDetails(
        String id,
        String name,
        String status,
        boolean running,
        boolean paused,
        boolean restarting,
        int pid,
        String pidMode,
        String ipcMode,
        String mergedDir,
        List<Mount> mounts,
        Map<String, String> labels,
        boolean readOnlyRoot,
        Layers layers) {

    /** A mount of the target; {@code source} is null for tmpfs and other sourceless mounts. */
    public record Mount(String type, String source, String destination, boolean readWrite) {
    }

    /**
     * The overlay directories on the engine's host that make a root filesystem, and what the
     * container would run ({@code command}: entrypoint then cmd).
     *
     * @param lowerDirs read-only layers, top first, ':'-separated
     * @param upperDir  the container's writable layer, or null for an image (a throwaway one is used)
     * @param workDir   overlay's work directory next to {@code upperDir}, or null
     */
    public record Layers(String lowerDirs, String upperDir, String workDir, List<String> command) {
        public Layers {
            command = List.copyOf(command);
        }
    }

    /** A target whose layers are not known. */
    public ContainerDetails(String id, String name, String status, boolean running, boolean paused, boolean restarting,
                            int pid, String pidMode, String ipcMode, String mergedDir, List<Mount> mounts,
                            Map<String, String> labels, boolean readOnlyRoot) {
        this(id, name, status, running, paused, restarting, pid, pidMode, ipcMode, mergedDir, mounts, labels,
                readOnlyRoot, null);
    }

    public ContainerDetails {
        mounts = List.copyOf(mounts);
        labels = Map.copyOf(labels);
    }

    /** A target with a writable root. */
    public ContainerDetails(String id, String name, String status, boolean running, boolean paused, boolean restarting,
                            int pid, String pidMode, String ipcMode, String mergedDir, List<Mount> mounts,
                            Map<String, String> labels) {
        this(id, name, status, running, paused, restarting, pid, pidMode, ipcMode, mergedDir, mounts, labels, false, null);
    }

    /** Whether the target has a tmpfs (its contents live only in the target's mount namespace). */
    public boolean hasTmpfs() {
        return mounts.stream().anyMatch(m -> "tmpfs".equals(m.type()));
    }

    public String shortId() {
        return ShortId.of(id);
    }

    public static ContainerDetails fromInspect(Json json) {
        Json state = json.path("State");
        Json hostConfig = json.path("HostConfig");
        String name = text(json.path("Name"));
        if (name != null && name.startsWith("/")) {
            name = name.substring(1);
        }
        List<Mount> mounts = new ArrayList<>();
        for (Json m : json.path("Mounts")) {
            mounts.add(new Mount(text(m.path("Type")), text(m.path("Source")), text(m.path("Destination")),
                    m.path("RW").asBoolean(true)));
        }
        // --tmpfs mounts are only in HostConfig (--mount type=tmpfs ones are in Mounts).
        hostConfig.path("Tmpfs").properties().keySet().forEach(d -> mounts.add(new Mount("tmpfs", null, d, true)));
        boolean readOnlyRoot = hostConfig.path("ReadonlyRootfs").asBoolean(false);
        engineFile(json, "HostsPath", "/etc/hosts", readOnlyRoot, mounts);
        engineFile(json, "ResolvConfPath", "/etc/resolv.conf", readOnlyRoot, mounts);
        engineFile(json, "HostnamePath", "/etc/hostname", readOnlyRoot, mounts);
        Map<String, String> labels = json.path("Config").path("Labels").stringMap();
        String merged = text(json.path("GraphDriver").path("Data").path("MergedDir"));
        return new ContainerDetails(
                text(json.path("Id")),
                name,
                text(state.path("Status")),
                state.path("Running").asBoolean(false),
                state.path("Paused").asBoolean(false),
                state.path("Restarting").asBoolean(false),
                state.path("Pid").asInt(0),
                orEmpty(text(hostConfig.path("PidMode"))),
                orEmpty(text(hostConfig.path("IpcMode"))),
                merged == null || merged.isEmpty() ? null : merged,
                mounts,
                labels,
                readOnlyRoot,
                layers(json, true));
    }

    /**
     * The overlay layers of a container ({@code withUpper}: its own writable layer) or of an
     * image inspect (its top layer is the first read-only one), or null for another driver.
     */
    public static Layers layers(Json json, boolean withUpper) {
        Json graph = json.path("GraphDriver");
        Json data = graph.path("Data");
        String driver = text(graph.path("Name"));
        String lower = text(data.path("LowerDir"));
        String upper = text(data.path("UpperDir"));
        if (driver == null || !driver.startsWith("overlay") || upper == null || upper.isEmpty()) {
            return null;
        }
        List<String> command = new ArrayList<>();
        Json config = json.path("Config");
        command.addAll(config.path("Entrypoint").stringList());
        command.addAll(config.path("Cmd").stringList());
        if (withUpper) {
            String work = text(data.path("WorkDir"));
            return lower == null || lower.isEmpty() || work == null ? null : new Layers(lower, upper, work, command);
        }
        return new Layers(lower == null || lower.isEmpty() ? upper : upper + ":" + lower, null, null, command);
    }

    /**
     * A file the engine writes for the target and mounts over the image's (writable unless the
     * root is read-only); a volume or bind the user put at the same place wins, as in the engine.
     */
    private static void engineFile(Json json, String field, String destination, boolean readOnlyRoot,
                                   List<Mount> mounts) {
        String path = text(json.path(field));
        if (path == null || path.isEmpty() || mounts.stream().anyMatch(m -> destination.equals(m.destination()))) {
            return;
        }
        mounts.add(new Mount("engine", path, destination, !readOnlyRoot));
    }

    private static String text(Json node) {
        return node.isMissing() || node.isNull() ? null : node.asText();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
