package example;

import io.dockerdebug.CommandOptions;
import io.dockerdebug.DockerDebug;
import io.dockerdebug.DockerDebugException;
import io.dockerdebug.ExecResult;
import io.dockerdebug.Session;
import io.dockerdebug.SidecarInfo;
import io.dockerdebug.SidecarOptions;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The examples of docs/library.md, compiled against the published artifact and run on a real
 * engine by ConsumerProjectIT (LibraryGuideTest checks the guide shows exactly this code).
 * Arguments: TARGET (a running container) and TOOLBOX (a local toolbox image).
 */
public final class LibraryGuide {
    public static void main(String[] args) throws Exception {
        String target = args[0];
        String toolbox = args[1];
        oneOff(target, toolbox);
        options(target, toolbox);
        interactive(target, toolbox);
        sidecars();
        errors(toolbox);
    }

    static void oneOff(String target, String toolbox) {
        // tag::one-off[]
        try (DockerDebug debug = DockerDebug.connect()) {       // -H, DOCKER_HOST, contexts, as the CLI
            SidecarOptions sidecar = SidecarOptions.builder().image(toolbox).build();
            ExecResult result = debug.exec(target, sidecar, CommandOptions.of("ps", "-o", "pid,comm"));
            System.out.println("one-off: exit " + result.exitCode() + "\n" + result.stdoutText());  // the target's processes
        }
        // end::one-off[]
    }

    static void options(String target, String toolbox) {
        // tag::options[]
        SidecarOptions sidecar = SidecarOptions.builder()
                .image(toolbox)
                .pull(SidecarOptions.PullPolicy.NEVER)    // as --pull never
                .capAdd("NET_ADMIN")
                .build();
        CommandOptions command = CommandOptions.builder()
                .shell("cat /mnt/container/etc/hostname; echo oops >&2; exit 3")
                .workdir("/mnt/container")
                .build();
        try (DockerDebug debug = DockerDebug.builder().onNote(note -> System.err.println("note: " + note)).build()) {
            ExecResult result = debug.exec(target, sidecar, command);
            System.out.println("options: exit " + result.exitCode() + ", hostname " + result.stdoutText().trim()
                    + ", stderr " + result.stderrText().trim());
        }
        // end::options[]
    }

    static void interactive(String target, String toolbox) throws Exception {
        // tag::interactive[]
        SidecarOptions sidecar = SidecarOptions.builder().image(toolbox).build();
        try (DockerDebug debug = DockerDebug.connect();
             Session session = debug.open(target, sidecar, CommandOptions.of("sh"))) {
            session.stdin().write("echo $((6*7))\nexit 5\n".getBytes(StandardCharsets.UTF_8));
            session.stdin().close();                                   // EOF: the shell reads no more
            String out = new String(session.stdout().readAllBytes(), StandardCharsets.UTF_8);
            int exit = session.exitCode().get(60, TimeUnit.SECONDS);
            System.out.println("interactive: exit " + exit + ", output " + out.trim());
        }                                                              // close() removes the sidecar
        // end::interactive[]
    }

    static void sidecars() {
        // tag::sidecars[]
        try (DockerDebug debug = DockerDebug.connect()) {
            for (SidecarInfo s : debug.sidecars()) {
                System.out.println(s.shortId() + " " + s.targetName() + " kept=" + s.kept());
            }
            System.out.println("sidecars: pruned " + debug.pruneSidecars(null).size());
        }
        // end::sidecars[]
    }

    static void errors(String toolbox) {
        // tag::errors[]
        try (DockerDebug debug = DockerDebug.connect()) {
            debug.exec("no-such-container-anywhere", SidecarOptions.builder().image(toolbox).build(),
                    CommandOptions.of("true"));
        } catch (DockerDebugException e) {
            System.out.println("errors: exit " + e.exitCode() + ", " + e.getMessage());
        }
        // end::errors[]
    }

    private LibraryGuide() {
    }
}
