package io.dockerdebug.docker;

import java.util.List;
import java.util.Map;

/**
 * The container to create, in Engine API terms. Modes are "container:ID", "host" or null (daemon default).
 *
 * @param binds "SRC:DST[:ro]" entries; a source is never null or empty
 * @param name  the container's name, or null for one the engine makes up
 */
public record ContainerSpec(
        String image,
        List<String> entrypoint,
        Map<String, String> labels,
        List<String> binds,
        String pidMode,
        String networkMode,
        String ipcMode,
        boolean privileged,
        List<String> capAdd,
        List<String> securityOpt,
        boolean openStdin,
        boolean autoRemove,
        String name) {

    /** A container the engine names. */
    public ContainerSpec(String image, List<String> entrypoint, Map<String, String> labels, List<String> binds,
                         String pidMode, String networkMode, String ipcMode, boolean privileged, List<String> capAdd,
                         List<String> securityOpt, boolean openStdin, boolean autoRemove) {
        this(image, entrypoint, labels, binds, pidMode, networkMode, ipcMode, privileged, capAdd, securityOpt,
                openStdin, autoRemove, null);
    }

    /** This container with another name. */
    public ContainerSpec withName(String newName) {
        return new ContainerSpec(image, entrypoint, labels, binds, pidMode, networkMode, ipcMode, privileged, capAdd,
                securityOpt, openStdin, autoRemove, newName);
    }

    public ContainerSpec {
        entrypoint = List.copyOf(entrypoint);
        labels = Map.copyOf(labels);
        binds = List.copyOf(binds);
        capAdd = List.copyOf(capAdd);
        securityOpt = List.copyOf(securityOpt);
    }

    /** The same container joining other namespaces (a null mode: the engine's default). */
    public ContainerSpec withNamespaces(String pid, String network, String ipc) {
        return new ContainerSpec(image, entrypoint, labels, binds, pid, network, ipc, privileged, capAdd, securityOpt,
                openStdin, autoRemove, name);
    }
}
