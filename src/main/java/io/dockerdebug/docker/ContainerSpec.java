package io.dockerdebug.docker;

import com.fasterxml.jackson.databind.node.ObjectNode;

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

    /** The body of {@code POST /containers/create}: stdin only, never a TTY (the exec has it). */
    ObjectNode toCreateBody() {
        ObjectNode body = EngineJson.object();
        body.put("Image", image);
        EngineJson.strings(body.putArray("Entrypoint"), entrypoint);
        body.putArray("Cmd");
        ObjectNode labelNode = body.putObject("Labels");
        labels.forEach(labelNode::put);
        body.put("OpenStdin", openStdin);
        body.put("StdinOnce", openStdin);
        body.put("AttachStdin", openStdin);
        body.put("AttachStdout", false);
        body.put("AttachStderr", false);
        body.put("Tty", false);
        ObjectNode host = body.putObject("HostConfig");
        EngineJson.strings(host.putArray("Binds"), binds);
        EngineJson.putIfSet(host, "PidMode", pidMode);
        EngineJson.putIfSet(host, "NetworkMode", networkMode);
        EngineJson.putIfSet(host, "IpcMode", ipcMode);
        host.put("Privileged", privileged);
        EngineJson.strings(host.putArray("CapAdd"), capAdd);
        EngineJson.strings(host.putArray("SecurityOpt"), securityOpt);
        host.put("AutoRemove", autoRemove);
        return body;
    }

    /** The same container joining other namespaces (a null mode: the engine's default). */
    public ContainerSpec withNamespaces(String pid, String network, String ipc) {
        return new ContainerSpec(image, entrypoint, labels, binds, pid, network, ipc, privileged, capAdd, securityOpt,
                openStdin, autoRemove, name);
    }
}
