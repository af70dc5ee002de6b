package io.dockerdebug.cli;

import io.dockerdebug.CommandOptions;
import io.dockerdebug.DockerDebug;
import io.dockerdebug.InvalidOptionsException;
import io.dockerdebug.SidecarOptions;
import io.dockerdebug.Terminal;
import io.dockerdebug.tty.Consoles;
import io.dockerdebug.tty.PullProgressPrinter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Range;
import picocli.CommandLine.ParameterException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code docker-debug [OPTIONS] CONTAINER [COMMAND [ARG...]]}: binds flags, makes one service call.
 *
 * <p>Its picocli model is built by hand ({@link #model}), not read from annotations: every run
 * builds it, and annotations cost reflection over the fields and proxy classes that the JDK
 * generates at run time and the AOT cache cannot hold (docs/performance.md). The subcommands,
 * built only when one is named, keep their annotations.
 */
final class DebugCommand implements Callable<Integer> {
    String target;
    List<String> command = new ArrayList<>();
    String image;
    String shellCommand;
    List<String> volumes = new ArrayList<>();
    String user;
    String workdir;
    Boolean chroot;
    boolean imageTarget;
    String mountDir;
    boolean privileged;
    List<String> capAdd = new ArrayList<>();
    List<String> securityOpt = new ArrayList<>();
    boolean requireIpc;
    String pull;
    boolean tty;
    boolean noTty;
    boolean noStdin;
    String detachKeys;
    boolean keep;
    /** -H, --context, -n, --config: here and, inherited, on every subcommand. */
    final EngineOptions engineOptions = new EngineOptions();
    boolean debug;
    CommandSpec spec;

    private final Stdio stdio;

    DebugCommand(Stdio stdio) {
        this.stdio = stdio;
    }

    /**
     * This command's picocli model: options in the order help lists them, bound to the fields
     * above. Every attribute is what picocli derived from the annotations this replaced (a flag's
     * label "&lt;field&gt;", COMMAND's unspecified arity 0..1, empty description keys), so that
     * help, errors, man pages and completion read as before.
     */
    CommandSpec model() {
        CommandSpec s = CommandSpec.wrapWithoutInspection(this);
        s.name("docker-debug").versionProvider(new VersionProvider());
        s.usageMessage().autoWidth(true).sortOptions(false)
                .customSynopsis("@|bold docker-debug|@ [OPTIONS] CONTAINER [COMMAND [ARG...]]",
                        "   or: @|bold docker-debug|@ SUBCOMMAND [ARG...]")
                .commandListHeading("%nSubcommands:%n")
                .description("Open a debugging shell, or run COMMAND, in a sidecar that shares CONTAINER's pid, "
                        + "network and (when shareable) IPC namespaces, with its files under the mount dir.");
        addTargetAndCommand(s);
        addToolboxAndCommandOptions(s);
        addSidecarOptions(s);
        addSessionOptions(s);
        s.addMixin("engineOptions", engineOptions.model());
        s.addOption(flag(OptionSpec.builder("--debug").paramLabel("<debug>").description("Debug logging to stderr."),
                Binding.of(() -> debug, v -> debug = v)));
        StandardHelpOptions.addTo(s);
        spec = s;
        return s;
    }

    /** CONTAINER and COMMAND. */
    private void addTargetAndCommand(CommandSpec s) {
        // CONTAINER is optional to picocli so that subcommands work (it checks a parent's required
        // parameters first); call() requires it.
        s.addPositional(positional(PositionalParamSpec.builder().index("0").arity("0..1").paramLabel("CONTAINER")
                        .hideParamSyntax(true).completionCandidates(new CompletionValues.Containers())
                        .description("Target container: name, ID or unique ID prefix.").type(String.class),
                Binding.of(() -> target, v -> target = v)));
        s.addPositional(positional(PositionalParamSpec.builder().index("1..*").arity(Range.valueOf("0..1").unspecified(true)).paramLabel("COMMAND")
                        .description("Command and arguments, run as is (no shell).").type(List.class).auxiliaryTypes(String.class),
                Binding.of(() -> command, v -> command = v)));
    }

    /** The toolbox image and what runs in it: -i, -c, -v, -u, -w, --chroot. */
    private void addToolboxAndCommandOptions(CommandSpec s) {
        s.addOption(option(OptionSpec.builder("-i", "--image").paramLabel("IMAGE")
                        .completionCandidates(new CompletionValues.Images())
                        .description("Toolbox image (default: from the config file, else " + SidecarOptions.DEFAULT_IMAGE + ").")
                        .type(String.class),
                Binding.of(() -> image, v -> image = v)));
        s.addOption(option(OptionSpec.builder("-c", "--command").paramLabel("STRING")
                        .description("Run STRING with /bin/sh -c.").type(String.class),
                Binding.of(() -> shellCommand, v -> shellCommand = v)));
        s.addOption(option(strings(OptionSpec.builder("-v", "--volume").paramLabel("SRC:DST[:ro|rw]")
                        .description("Extra bind mount (repeatable).")),
                Binding.of(() -> volumes, v -> volumes = v)));
        s.addOption(option(OptionSpec.builder("-u", "--user").paramLabel("USER[:GROUP]")
                        .description("User of the command.").type(String.class),
                Binding.of(() -> user, v -> user = v)));
        s.addOption(option(OptionSpec.builder("-w", "--workdir").paramLabel("DIR")
                        .description("Working directory (default: the mount dir).").type(String.class),
                Binding.of(() -> workdir, v -> workdir = v)));
        s.addOption(option(OptionSpec.builder("--chroot").paramLabel("<chroot>").negatable(true)
                        .description("Run inside the target's root: / is the target's, the toolbox's programs come after the "
                                + "target's on PATH (default: the config file's chroot, else off).")
                        .type(Boolean.class),
                Binding.of(() -> chroot, v -> chroot = v)));
    }

    /** How the sidecar is made: --image-target, --mount-dir, --privileged, --cap-add, --security-opt, --ipc, --pull. */
    private void addSidecarOptions(CommandSpec s) {
        s.addOption(flag(OptionSpec.builder("--image-target").paramLabel("<imageTarget>")
                        .description("CONTAINER names an image: debug its files on a throwaway layer, never running it."),
                Binding.of(() -> imageTarget, v -> imageTarget = v)));
        s.addOption(option(OptionSpec.builder("--mount-dir").paramLabel("DIR")
                        .description("Where the target's root appears (default: " + SidecarOptions.DEFAULT_MOUNT_DIR
                                + "; empty: don't mount).").type(String.class),
                Binding.of(() -> mountDir, v -> mountDir = v)));
        s.addOption(flag(OptionSpec.builder("--privileged").paramLabel("<privileged>").description("Give the sidecar extended privileges."),
                Binding.of(() -> privileged, v -> privileged = v)));
        s.addOption(option(strings(OptionSpec.builder("--cap-add").paramLabel("CAP")
                        .description("Add a Linux capability (repeatable).")),
                Binding.of(() -> capAdd, v -> capAdd = v)));
        s.addOption(option(strings(OptionSpec.builder("--security-opt").paramLabel("OPT")
                        .description("Security option (repeatable).")),
                Binding.of(() -> securityOpt, v -> securityOpt = v)));
        s.addOption(flag(OptionSpec.builder("--ipc").paramLabel("<requireIpc>").description("Require joining the target's IPC namespace."),
                Binding.of(() -> requireIpc, v -> requireIpc = v)));
        s.addOption(option(OptionSpec.builder("--pull").paramLabel("POLICY").defaultValue("missing")
                        .completionCandidates(new CompletionValues.PullPolicies())
                        .description("Pull the image: missing, always or never (default: ${DEFAULT-VALUE}).").type(String.class),
                Binding.of(() -> pull, v -> pull = v)));
    }

    /** The session's terminal and input, and --keep. */
    private void addSessionOptions(CommandSpec s) {
        s.addOption(flag(OptionSpec.builder("-t", "--tty").paramLabel("<tty>")
                        .description("Allocate a TTY (default: when stdin and stdout are terminals)."),
                Binding.of(() -> tty, v -> tty = v)));
        s.addOption(flag(OptionSpec.builder("-T", "--no-tty").paramLabel("<noTty>").description("Do not allocate a TTY."),
                Binding.of(() -> noTty, v -> noTty = v)));
        s.addOption(flag(OptionSpec.builder("--no-stdin").paramLabel("<noStdin>")
                        .description("Never read stdin (as ssh -n), e.g. in a loop that reads its own list from stdin."),
                Binding.of(() -> noStdin, v -> noStdin = v)));
        s.addOption(option(OptionSpec.builder("--detach-keys").paramLabel("SEQ").defaultValue(CommandOptions.DEFAULT_DETACH_KEYS)
                        .description("Keys that end the session (default: ${DEFAULT-VALUE}).").type(String.class),
                Binding.of(() -> detachKeys, v -> detachKeys = v)));
        s.addOption(flag(OptionSpec.builder("--keep").paramLabel("<keep>")
                        .description("Leave the sidecar running, and reuse one left by an earlier --keep with the same image "
                                + "and options (see 'docker-debug ps' and 'docker-debug rm')."),
                Binding.of(() -> keep, v -> keep = v)));
    }

    private static OptionSpec option(OptionSpec.Builder option, Binding<?> field) {
        return option.descriptionKey("").getter(field).setter(field).initialValue(field.initial()).build();
    }

    private static OptionSpec flag(OptionSpec.Builder option, Binding<?> field) {
        return option(option.type(boolean.class), field);
    }

    /** A repeatable option: each occurrence adds to the list. */
    private static OptionSpec.Builder strings(OptionSpec.Builder option) {
        return option.type(List.class).auxiliaryTypes(String.class);
    }

    private static PositionalParamSpec positional(PositionalParamSpec.Builder positional, Binding<?> field) {
        return positional.descriptionKey("").getter(field).setter(field).initialValue(field.initial()).build();
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
        SidecarOptions.Builder sb = SidecarOptions.builder().image(image).pull(SidecarOptions.PullPolicy.parse(pull, "--pull")).mountDir(mountDir)
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
}
