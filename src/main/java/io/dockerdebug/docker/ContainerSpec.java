package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

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
    /** This spec with one more label (or another value for it). */
    public ContainerSpec withLabel(String key, String value) {
        Map<String, String> more = new java.util.HashMap<>(labels);
        more.put(key, value);
        return new ContainerSpec(image, entrypoint, more, binds, pidMode, networkMode, ipcMode, privileged, capAdd,
                securityOpt, openStdin, autoRemove, name);
    }

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

    /** The body of {@code POST /containers/create}: stdin only, never a TTY (the exec has it). */
    Json toCreateBody() {
        Json body = Json.object();
        body.put("Image", image);
        body.put("Entrypoint", Json.strings(entrypoint));
        body.put("Cmd", Json.array());
        Json labelNode = Json.object();
        labels.forEach(labelNode::put);
        body.put("Labels", labelNode);
        body.put("OpenStdin", openStdin);
        body.put("StdinOnce", openStdin);
        body.put("AttachStdin", openStdin);
        body.put("AttachStdout", false);
        body.put("AttachStderr", false);
        body.put("Tty", false);
        Json host = Json.object();
        host.put("Binds", Json.strings(binds));
        host.putIfSet("PidMode", pidMode);
        host.putIfSet("NetworkMode", networkMode);
        host.putIfSet("IpcMode", ipcMode);
        host.put("Privileged", privileged);
        host.put("CapAdd", Json.strings(capAdd));
        host.put("SecurityOpt", Json.strings(securityOpt));
        host.put("AutoRemove", autoRemove);
        return body.put("HostConfig", host);
    }

    /** The same container joining other namespaces (a null mode: the engine's default). */
    public ContainerSpec withNamespaces(String pid, String network, String ipc) {
        return new ContainerSpec(image, entrypoint, labels, binds, pid, network, ipc, privileged, capAdd, securityOpt,
                openStdin, autoRemove, name);
    }
}
