package io.dockerdebug.it;

import io.dockerdebug.CommandOptions;
import io.dockerdebug.SidecarOptions;
import io.dockerdebug.debug.DebugRequest;
import io.dockerdebug.debug.DebugService;
import io.dockerdebug.debug.DebugSession;
import io.dockerdebug.debug.SessionIo;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.DockerEngine;
import io.dockerdebug.docker.HttpDockerEngine;
import io.dockerdebug.docker.PullListener;
import io.dockerdebug.docker.RawConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The debug layer as a plain Java API, on the real engine, with no CLI, picocli or JLine. */
class LibraryIT {
    @RegisterExtension
    static final RunningTarget target = new RunningTarget(Engine.TARGET)
            .with(c -> c.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                    .withBinds(com.github.dockerjava.api.model.Bind.parse("dd-library-it-vol:/data"))))
            .afterStop(t -> Engine.run(Engine.cmd("docker", "volume", "rm", "-f", "dd-library-it-vol"), null, 30));

    @BeforeAll
    static void fillTheVolume() {
        Engine.docker("exec", target.id(), "sh", "-c", "echo in-volume > /data/v");
    }

    private static DockerEngine realEngine() {
        return new HttpDockerEngine(DockerEndpoint.resolve(null, System.getenv()));
    }

    private static DebugRequest request(List<String> command, boolean tty) {
        return new DebugRequest(target.id(), SidecarOptions.builder().image(Engine.TOOLBOX)
                .mountDir(SidecarOptions.DEFAULT_MOUNT_DIR).pull(SidecarOptions.PullPolicy.NEVER).build(),
                CommandOptions.builder().command(command).tty(tty).build());
    }

    private record Ran(int code, String out, String err, List<String> notes) {
    }

    private static Ran run(DockerEngine engine, DebugRequest request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> notes = new ArrayList<>();
        SessionIo io = new SessionIo(new ByteArrayInputStream(new byte[0]), out, err, () -> null,
                PullListener.NONE, notes::add);
        int code = new DebugService(engine).run(request, io);
        return new Ran(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), notes);
    }

    @Test
    void withoutMergedDirTheTargetsRootAndVolumesAppearThroughProc() {
        try (DockerEngine engine = new WithoutMergedDir(realEngine())) {
            Ran r = run(engine, request(List.of("sh", "-c",
                    "pwd; cat /mnt/container/etc/target-marker; cat /mnt/container/data/v; ls -ld /mnt/container"), false));
            assertEquals(0, r.code(), r.err());
            List<String> lines = r.out().lines().toList();
            assertEquals("/mnt/container", lines.get(0), "lands in the target's files: " + r.out());
            assertEquals("hello from the target", lines.get(1));
            assertEquals("in-volume", lines.get(2), "the target's volumes come along");
            assertTrue(lines.get(3).contains("-> /proc/1/root"), r.out());
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void withMergedDirTheTargetsVolumesAreBoundUnderTheMountDir() {
        try (DockerEngine engine = realEngine()) {
            Ran r = run(engine, request(List.of("cat", "/mnt/container/data/v"), false));
            assertEquals(0, r.code(), r.err());
            assertEquals("in-volume\n", r.out());
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }

    @Test
    void aPreparedSessionHandsItsStreamToTheCallerAndCloseRemovesTheSidecar() throws Exception {
        try (DockerEngine engine = realEngine();
             DebugSession session = new DebugService(engine).open(
                     request(List.of("printf", "\\000\\001\\002raw"), true), PullListener.NONE, note -> { })) {
            assertEquals(1, Engine.sidecarsOf(target.id()).size());
            assertEquals(target.id(), session.target().id());
            byte[] got;
            try (RawConnection conn = session.start()) {
                got = conn.input().readAllBytes();
            }
            assertArrayEquals(new byte[] {0, 1, 2, 'r', 'a', 'w'}, got);
            assertEquals(0, session.exitCode(""));
        }
        Engine.awaitNoSidecarOf(target.id(), Duration.ofSeconds(10));
    }
}
