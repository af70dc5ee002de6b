package io.dockerdebug.cli;

import io.dockerdebug.debug.DebugException;
import io.dockerdebug.debug.DebugRequest;
import io.dockerdebug.debug.PortForwarder;
import io.dockerdebug.debug.PortMapping;
import io.dockerdebug.debug.PullPolicy;
import io.dockerdebug.docker.HttpDockerEngine;
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
@Command(name = "port-forward",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Forward local ports to ports inside CONTAINER's network namespace, published or not, "
                + "including ports bound to its 127.0.0.1. Listens on 127.0.0.1 unless LOCAL_ADDR is given; "
                + "LOCAL_PORT defaults to REMOTE_PORT, 0 picks a free one. Runs until Ctrl-C or the "
                + "container ends; the relay sidecar goes with it."})
final class PortForwardCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONTAINER", completionCandidates = CompletionValues.Containers.class, description = "Target container: name, ID or unique ID prefix.")
    String target;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "[[LOCAL_ADDR:]LOCAL_PORT:]REMOTE_PORT",
            description = "Port mappings.")
    List<String> ports = new ArrayList<>();

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE", completionCandidates = CompletionValues.Images.class,
            description = "Toolbox image of the relay sidecar, with nc (default: from the config file, else "
                    + DebugRequest.DEFAULT_IMAGE + ").")
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

    @Override
    public Integer call() {
        List<PortMapping> mappings = ports.stream().map(PortMapping::parse).toList();
        PullPolicy policy;
        try {
            policy = PullPolicy.parse(pull);
        } catch (IllegalArgumentException e) {
            throw DebugException.usage(e.getMessage());
        }
        Settings settings = options.settings(stdio.env());
        String toolbox = image != null ? image
                : settings.config().image() != null ? settings.config().image() : DebugRequest.DEFAULT_IMAGE;
        PrintStream out = new PrintStream(stdio.out(), true, StandardCharsets.UTF_8);
        PullProgressPrinter progress = new PullProgressPrinter(stdio.err(), false);
        try (HttpDockerEngine engine = options.engine(settings);
             PortForwarder forwarder = PortForwarder.open(engine, target, toolbox, policy, mappings,
                     progress::onProgress, note -> stdio.err().println("docker-debug: " + note))) {
            // Ctrl-C, SIGTERM, SIGHUP: stop listening and remove the sidecar before the JVM exits.
            Runtime.getRuntime().addShutdownHook(new Thread(forwarder::close, "port-forward-close"));
            List<InetSocketAddress> local = forwarder.localAddresses();
            for (int i = 0; i < local.size(); i++) {
                out.println("Forwarding from " + local.get(i).getAddress().getHostAddress() + ":" + local.get(i).getPort()
                        + " -> " + forwarder.mappings().get(i).remotePort());
            }
            Optional<String> ended = forwarder.serve();
            if (ended.isPresent()) {
                throw new DebugException(DebugException.ENGINE_ERROR, ended.get());
            }
            return 0;
        }
    }
}
