package io.dockerdebug.cli;

import io.dockerdebug.DockerDebug;
import io.dockerdebug.DockerDebugException;
import io.dockerdebug.PortForward;
import io.dockerdebug.SidecarOptions;
import io.dockerdebug.threads.Threads;
import io.dockerdebug.tty.PullProgressPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code docker-debug port-forward CONTAINER [[LOCAL_ADDR:]LOCAL_PORT:]REMOTE_PORT...}. */
@Command(name = PortForwardCommand.NAME,
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = PortForwardCommand.SUMMARY)
final class PortForwardCommand implements Callable<Integer> {
    /** Its name, and the first line of its description: also what the root's help lists (see Subcommands). */
    static final String NAME = "port-forward";
    static final String SUMMARY = "Forward local ports to ports inside CONTAINER's network namespace, published or not, "
            + "including ports bound to its 127.0.0.1. Listens on 127.0.0.1 unless LOCAL_ADDR is given; "
            + "LOCAL_PORT defaults to REMOTE_PORT, 0 picks a free one. Runs until Ctrl-C or the "
            + "container ends; the relay sidecar goes with it.";

    @Parameters(index = "0", paramLabel = "CONTAINER", completionCandidates = CompletionValues.Containers.class, description = "Target container: name, ID or unique ID prefix.")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "[[LOCAL_ADDR:]LOCAL_PORT:]REMOTE_PORT",
            description = "Port mappings.")
    List<String> ports = new ArrayList<>();

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE", completionCandidates = CompletionValues.Images.class,
            description = "Toolbox image of the relay sidecar, with nc (default: from the config file, else "
                    + SidecarOptions.DEFAULT_IMAGE + ").")
    String image;

    @Option(names = "--pull", paramLabel = "POLICY", defaultValue = "missing",
            completionCandidates = CompletionValues.PullPolicies.class,
            description = "Pull the image: missing, always or never (default: ${DEFAULT-VALUE}).")
    String pull;

    private final Stdio stdio;
    private final EngineOptions options;

    PortForwardCommand(Stdio stdio, EngineOptions options) {
        this.stdio = stdio;
        this.options = options;
    }

    /** Through the library, as every command: the CLI is one of its front ends. */
    @Override
    public Integer call() {
        SidecarOptions.PullPolicy policy = SidecarOptions.PullPolicy.parse(pull, "--pull");
        SidecarOptions relay = SidecarOptions.builder().image(image).pull(policy).build();
        PrintStream out = new PrintStream(stdio.out(), true, StandardCharsets.UTF_8);
        PullProgressPrinter progress = new PullProgressPrinter(stdio.err(), false);
        try (DockerDebug debug = options.library(stdio.env())
                .onPullProgress(progress::onProgress)
                .onNote(note -> stdio.err().println("docker-debug: " + note))
                .build();
             PortForward forward = debug.forwardPorts(target, relay, ports)) {
            // Ctrl-C, SIGTERM, SIGHUP: stop listening and remove the sidecar before the JVM exits.
            Runtime.getRuntime().addShutdownHook(Threads.shutdownHook("port-forward-close", forward::close));
            List<InetSocketAddress> local = forward.localAddresses();
            for (int i = 0; i < local.size(); i++) {
                out.println("Forwarding from " + local.get(i).getAddress().getHostAddress() + ":" + local.get(i).getPort()
                        + " -> " + forward.remotePorts().get(i));
            }
            Optional<String> ended = forward.serve();
            if (ended.isPresent()) {
                throw new DockerDebugException(DockerDebugException.ENGINE_ERROR, ended.get());
            }
            return 0;
        }
    }
}
