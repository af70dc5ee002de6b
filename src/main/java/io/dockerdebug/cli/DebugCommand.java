package io.dockerdebug.cli;

import io.dockerdebug.CommandOptions;
import io.dockerdebug.DockerDebug;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.SidecarOptions;
import io.dockerdebug.Terminal;
import io.dockerdebug.tty.Consoles;
import io.dockerdebug.tty.DetachKeys;
import io.dockerdebug.tty.PullProgressPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code docker-debug [OPTIONS] CONTAINER [COMMAND [ARG...]]}: binds flags, makes one service call. */
@Command(name = "docker-debug",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        sortOptions = false,
        customSynopsis = {"@|bold docker-debug|@ [OPTIONS] CONTAINER [COMMAND [ARG...]]",
                "   or: @|bold docker-debug|@ SUBCOMMAND [ARG...]"},
        commandListHeading = "%nSubcommands:%n",
        description = "Open a debugging shell, or run COMMAND, in a sidecar that shares CONTAINER's pid, "
                + "network and (when shareable) IPC namespaces, with its files under the mount dir.")
final class DebugCommand implements Callable<Integer> {

    // Optional to picocli so that subcommands work (it checks a parent's required parameters
    // first); call() requires it.
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONTAINER", hideParamSyntax = true,
            completionCandidates = CompletionValues.Containers.class, description = "Target container: name, ID or unique ID prefix.")
    String target;

    @Parameters(index = "1..*", paramLabel = "COMMAND", description = "Command and arguments, run as is (no shell).")
    List<String> command = new ArrayList<>();

    @Option(names = {"-i", "--image"}, paramLabel = "IMAGE", completionCandidates = CompletionValues.Images.class,
            description = "Toolbox image (default: from the config file, else " + SidecarOptions.DEFAULT_IMAGE + ").")
    String image;

    @Option(names = {"-c", "--command"}, paramLabel = "STRING", description = "Run STRING with /bin/sh -c.")
    String shellCommand;

    @Option(names = {"-v", "--volume"}, paramLabel = "SRC:DST[:ro|rw]", description = "Extra bind mount (repeatable).")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "User of the command.")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory (default: the mount dir).")
    String workdir;

    @Option(names = "--chroot", negatable = true,
            description = "Run inside the target's root: / is the target's, the toolbox's programs come after the "
                    + "target's on PATH (default: the config file's chroot, else off).")
    Boolean chroot;

    @Option(names = "--image-target",
            description = "CONTAINER names an image: debug its files on a throwaway layer, never running it.")
    boolean imageTarget;

    @Option(names = "--mount-dir", paramLabel = "DIR",
            description = "Where the target's root appears (default: " + SidecarOptions.DEFAULT_MOUNT_DIR + "; empty: don't mount).")
    String mountDir;

    @Option(names = "--privileged", description = "Give the sidecar extended privileges.")
    boolean privileged;

    @Option(names = "--cap-add", paramLabel = "CAP", description = "Add a Linux capability (repeatable).")
    List<String> capAdd = new ArrayList<>();

    @Option(names = "--security-opt", paramLabel = "OPT", description = "Security option (repeatable).")
    List<String> securityOpt = new ArrayList<>();

    @Option(names = "--ipc", description = "Require joining the target's IPC namespace.")
    boolean requireIpc;

    @Option(names = "--pull", paramLabel = "POLICY", defaultValue = "missing",
            completionCandidates = CompletionValues.PullPolicies.class,
            description = "Pull the image: missing, always or never (default: ${DEFAULT-VALUE}).")
    String pull;

    @Option(names = {"-t", "--tty"}, description = "Allocate a TTY (default: when stdin and stdout are terminals).")
    boolean tty;

    @Option(names = {"-T", "--no-tty"}, description = "Do not allocate a TTY.")
    boolean noTty;

    @Option(names = "--no-stdin",
            description = "Never read stdin (as ssh -n), e.g. in a loop that reads its own list from stdin.")
    boolean noStdin;

    @Option(names = "--detach-keys", paramLabel = "SEQ", defaultValue = DetachKeys.DEFAULT,
            description = "Keys that end the session (default: ${DEFAULT-VALUE}).")
    String detachKeys;

    @Option(names = "--keep",
            description = "Leave the sidecar running, and reuse one left by an earlier --keep with the same image "
                    + "and options (see 'docker-debug ps' and 'docker-debug rm').")
    boolean keep;

    /** -H, --context, -n, --config: here and, inherited, on every subcommand. */
    @Mixin
    final EngineOptions engineOptions = new EngineOptions();

    @Option(names = "--debug", description = "Debug logging to stderr.")
    boolean debug;

    @Spec
    CommandSpec spec;

    private final Stdio stdio;

    DebugCommand(Stdio stdio) {
        this.stdio = stdio;
    }

    @Override
    public Integer call() {
        if (target == null) {
            throw usage("Missing required parameter: 'CONTAINER'");
        }
        if (dashItBeforeTarget()) {
            throw usage("-it is \"-i t\" here: -i takes the toolbox IMAGE, and -t alone allocates a TTY "
                    + "(the default on a terminal)");
        }
        if (shellCommand == null && command.size() == 1
                && (command.get(0).equals("-c") || command.get(0).equals("--command"))) {
            throw usage("Missing required parameter for option '--command' (STRING)");
        }
        Logging.configure(debug);
        if (shellCommand == null && command.size() == 2
                && (command.get(0).equals("-c") || command.get(0).equals("--command"))) {
            // "docker-debug T -c 'wc -l'": no command is named "-c", so read it as the option.
            shellCommand = command.get(1);
            command = List.of();
        }
        if (tty && noTty) {
            throw new InvalidOptionsException("conflicting options: -t and -T");
        }
        if (shellCommand != null && !command.isEmpty()) {
            throw new InvalidOptionsException("conflicting options: -c and a COMMAND after CONTAINER");
        }
        boolean useTty = tty || (!noTty && stdio.terminal());
        SidecarOptions.Builder sb = SidecarOptions.builder().image(image).pull(parsePull()).mountDir(mountDir)
                .privileged(privileged).requireIpc(requireIpc).keep(keep).imageTarget(imageTarget);
        volumes.forEach(sb::volume);
        capAdd.forEach(sb::capAdd);
        securityOpt.forEach(sb::securityOpt);
        CommandOptions.Builder cb = CommandOptions.builder().command(command).shell(shellCommand).user(user)
                .workdir(workdir).tty(useTty).detachKeys(detachKeys).chroot(chroot);
        if (useTty) {
            cb.env("TERM=" + terminalType());
        }
        PullProgressPrinter progress = new PullProgressPrinter(stdio.err(), useTty);
        // Raw mode and resize need a terminal; "-t" in a pipe still gets a TTY in the sidecar.
        Terminal.Opener terminal = stdio.terminal() ? () -> new ConsoleTerminal(Consoles.system()) : () -> null;
        try (DockerDebug debug = engineOptions.library(stdio.env())
                .onPullProgress(progress::onProgress)
                .onNote(note -> stdio.err().println("docker-debug: " + note))
                .build()) {
            // Like "docker exec -t" without -i: a forced TTY off a terminal gets no input to wait for;
            // --no-stdin (ssh -n) leaves stdin to whoever reads it after us.
            return debug.run(target, sb.build(), cb.build(), noStdin || (useTty && !stdio.terminal()) ? null : stdio.in(),
                    stdio.out(), stdio.err(), terminal);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Whether "-it" (docker's muscle memory, here the image "t") came before the target. */
    private boolean dashItBeforeTarget() {
        for (String arg : spec.commandLine().getParseResult().originalArgs()) {
            if (arg.equals(target)) {
                return false;
            }
            if (arg.equals("-it")) {
                return true;
            }
        }
        return false;
    }

    /** The terminal's type, for the sidecar to use when its terminfo knows it (see SidecarPlanner). */
    private String terminalType() {
        String term = stdio.env().get("TERM");
        return term == null || term.isBlank() ? "xterm" : term;
    }

    private SidecarOptions.PullPolicy parsePull() {
        return switch (pull.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "missing" -> SidecarOptions.PullPolicy.MISSING;
            case "always" -> SidecarOptions.PullPolicy.ALWAYS;
            case "never" -> SidecarOptions.PullPolicy.NEVER;
            default -> throw new InvalidOptionsException("invalid --pull \"" + pull + "\": use missing, always or never");
        };
    }
}
