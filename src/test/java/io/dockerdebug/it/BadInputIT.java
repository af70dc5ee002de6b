package io.dockerdebug.it;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.dockerdebug.it.Engine.TOOLBOX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad input through the real launcher on the real engine, one table: each row gets one clear
 * line on stderr (ours, or the engine's exec error for 126/127), a docker-like exit code, and
 * nothing is created: no sidecar of the row's target remains.
 *
 * <p>"TLS certificate rejected" uses the TLS engine of scripts/test-servers.sh. Covered elsewhere: stdin already closed (FaultIT, it is the end of input, not an
 * error), TERM unset and a 0×0 terminal (TerminalFaultIT: a TTY is needed).
 */
class BadInputIT {
    private static final Map<String, String> VARS = new HashMap<>();
    private static final List<String> CREATED = new ArrayList<>();
    private static HttpServer registry;
    private static Path socketDir;
    private static ServerSocketChannel deniedSocket;

    /** A row: what, the arguments after the launcher ({NAME} filled from VARS), exit code, words of the line. */
    record Row(String name, String args, int code, String says, boolean asNobody) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * Podman words an ambiguous prefix its own way ("more than one result for container ID"), and
     * never reports a restart-always target as restarting: it flips between stopped and running.
     */
    private static final boolean PODMAN = Engine.docker("version", "--format",
            "{{range .Server.Components}}{{.Name}} {{end}}").contains("Podman");

    static Stream<Row> rows() {
        return Stream.of(
                new Row("unknown container", "-i " + TOOLBOX + " docker-debug-no-such-container true", 125,
                        "No such container", false),
                new Row("ambiguous ID prefix", "-i " + TOOLBOX + " {prefix} true", 125, PODMAN ? "more than one result" : "prefix",
                        false),
                new Row("stopped target with --chroot", "-i " + TOOLBOX + " --chroot {stopped} true", 125,
                        "needs a running target", false),
                new Row("paused target", "-i " + TOOLBOX + " {paused} true", 125, "is paused", false),
                new Row("restarting target", "-i " + TOOLBOX + " {restarting} true", 125, PODMAN ? "stopped" : "is restarting",
                        false),
                new Row("target is a sidecar", "-i " + TOOLBOX + " {sidecar} true", 125, "itself a docker-debug sidecar",
                        false),
                new Row("toolbox missing, --pull never", "-i docker-debug-test/none:latest --pull never {target} true", 125,
                        "not present locally", false),
                new Row("image not in the registry", "-i {registry}/docker-debug/none:latest {target} true", 125,
                        "cannot pull", false),
                new Row("registry unreachable", "-i 127.0.0.1:{closedport}/docker-debug/none:latest {target} true", 125,
                        "cannot pull", false),
                new Row("command not found", "-i " + TOOLBOX + " {target} no-such-command", 127, "not found", false),
                new Row("command not executable", "-i " + TOOLBOX + " {target} /etc/passwd", 126, "permission denied",
                        false),
                new Row("malformed --volume", "-i " + TOOLBOX + " -v nocolon {target} true", 125, "--volume", false),
                new Row("malformed --detach-keys", "-i " + TOOLBOX + " --detach-keys ctrl-1 {target} true", 125,
                        "detach keys", false),
                new Row("malformed --user", "-i " + TOOLBOX + " -u a:b:c {target} true", 125, "--user", false),
                new Row("relative --mount-dir", "-i " + TOOLBOX + " --mount-dir rel {target} true", 125, "--mount-dir",
                        false),
                new Row("engine socket missing", "-H unix:///nonexistent/docker.sock -i " + TOOLBOX + " {target} true", 125,
                        "cannot connect to the Docker engine", false),
                new Row("permission denied on the socket", "-H unix://{denied} -i " + TOOLBOX + " {target} true", 125,
                        "permission denied while trying to connect", true),
                new Row("TCP connection refused", "-H tcp://127.0.0.1:{closedport} -i " + TOOLBOX + " {target} true", 125,
                        "onnection refused", false),
                // The TLS engine of scripts/test-servers.sh, with client certificates it does not trust.
                new Row("TLS certificate rejected", "env DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=" + Servers.STRANGER_CERTS
                        + " {launcher} -H " + Servers.TLS_HOST + " -i " + TOOLBOX + " {target} true", 125, "TLS", false),
                new Row("malformed config file", "--config {badconfig} -i " + TOOLBOX + " {target} true", 125,
                        "{badconfig}", false));
    }

    @BeforeAll
    static void setUp() throws Exception {
        Servers.require();
        VARS.put("target", run("-d", Engine.TARGET));
        VARS.put("stopped", created(run("-d", Engine.TARGET)));
        Engine.docker("stop", "-t", "0", VARS.get("stopped"));
        VARS.put("paused", created(run("-d", Engine.TARGET)));
        Engine.docker("pause", VARS.get("paused"));
        VARS.put("restarting", created(run("-d", "--restart", "always", "--entrypoint", "false", Engine.TARGET)));
        VARS.put("sidecar", created(run("-d", "--label", "io.docker-debug.sidecar=true", Engine.TARGET)));
        CREATED.add(VARS.get("target"));
        VARS.put("prefix", ambiguousPrefix());
        // A registry that knows no image (plain HTTP is allowed on localhost).
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/", exchange -> {
            boolean base = exchange.getRequestURI().getPath().equals("/v2/");
            byte[] body = (base ? "{}" : "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Docker-Distribution-API-Version", "registry/2.0");
            exchange.sendResponseHeaders(base ? 200 : 404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        registry.start();
        VARS.put("registry", "127.0.0.1:" + registry.getAddress().getPort());
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            VARS.put("closedport", Integer.toString(s.getLocalPort()));
        }
        // A socket only root may use: connecting as nobody is refused by the kernel.
        socketDir = Files.createTempDirectory("docker-debug-denied");
        Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path sock = socketDir.resolve("docker.sock");
        deniedSocket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        deniedSocket.bind(UnixDomainSocketAddress.of(sock));
        Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rw-------"));
        VARS.put("denied", sock.toString());
        Path badConfig = socketDir.resolve("config.toml");
        Files.writeString(badConfig, "image = \"unterminated\n");
        VARS.put("badconfig", badConfig.toString());
        VARS.put("launcher", Engine.launcher());
    }

    private static String run(String... args) {
        List<String> all = new ArrayList<>(List.of("run"));
        all.addAll(List.of(args));
        return Engine.docker(all.toArray(String[]::new));
    }

    private static String created(String id) {
        CREATED.add(id);
        return id;
    }

    /** Two containers whose ids start alike make that start ambiguous (at most 17 tries). */
    private static String ambiguousPrefix() {
        Map<Character, String> firsts = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            String id = created(Engine.docker("create", "--label", "io.docker-debug.test=ambiguous", Engine.TARGET));
            if (firsts.putIfAbsent(id.charAt(0), id) != null) {
                return id.substring(0, 1);
            }
        }
        fail("17 ids cannot all start differently");
        return null;
    }

    @AfterAll
    static void tearDown() throws Exception {
        if (VARS.containsKey("paused")) {
            Engine.run(List.of("docker", "unpause", VARS.get("paused")), null, 30);
        }
        if (!CREATED.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
            rm.addAll(CREATED);
            Engine.run(rm, null, 60);
        }
        if (registry != null) {
            registry.stop(0);
        }
        if (deniedSocket != null) {
            deniedSocket.close();
            Files.deleteIfExists(Path.of(VARS.get("denied")));
            Files.deleteIfExists(Path.of(VARS.get("badconfig")));
            Files.deleteIfExists(socketDir);
        }
    }

    private static String fill(String s) {
        for (var v : VARS.entrySet()) {
            s = s.replace("{" + v.getKey() + "}", v.getValue());
        }
        return s;
    }

    /**
     * Arguments that a space-split row cannot hold: odd container names (never sent to the
     * engine's URL path as they are) and usage errors, which end with the help hint.
     */
    record ArgvRow(String name, List<String> argv, String says, boolean usage) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<ArgvRow> argvRows() {
        return Stream.of(
                new ArgvRow("name with a space", List.of("-i", TOOLBOX, "rw nope", "true"),
                        "docker-debug: No such container: rw nope", false),
                new ArgvRow("empty name", List.of("-i", TOOLBOX, "", "true"),
                        "docker-debug: invalid container name or ID", false),
                new ArgvRow("name .", List.of("-i", TOOLBOX, ".", "true"), "docker-debug: No such container: .", false),
                new ArgvRow("name ..", List.of("-i", TOOLBOX, "..", "true"), "docker-debug: No such container: ..", false),
                new ArgvRow("name /", List.of("-i", TOOLBOX, "/", "true"), "docker-debug: No such container: /", false),
                new ArgvRow("no arguments", List.of(), "docker-debug: Missing required parameter: 'CONTAINER'", true),
                new ArgvRow("trailing -c", List.of("-i", TOOLBOX, "{target}", "-c"),
                        "docker-debug: Missing required parameter for option '--command'", true),
                new ArgvRow("-it from docker", List.of("-it", "{target}", "true"),
                        "docker-debug: -it is \"-i t\" here: -i takes the toolbox IMAGE, and -t alone allocates a TTY",
                        true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("argvRows")
    void oddNamesAndUsageErrorsAreOneClearLineAt125(ArgvRow row) {
        List<String> argv = new ArrayList<>(List.of(Engine.launcher()));
        row.argv().forEach(a -> argv.add(fill(a)));
        Engine.Result r = Engine.run(argv, null, 60);
        String shown = row.name() + ": exit " + r.exitCode() + ", stdout:\n" + r.stdout() + "stderr:\n" + r.stderr();
        assertEquals(125, r.exitCode(), shown);
        List<String> lines = r.stderr().lines().toList();
        assertTrue(lines.getFirst().startsWith(row.says()), shown);
        assertEquals(row.usage() ? List.of(lines.getFirst(), "See 'docker-debug --help'.") : List.of(lines.getFirst()),
                lines, shown);
        assertEquals("", r.stdout(), shown);
        Engine.awaitNoSidecarOf(VARS.get("target"), Duration.ofSeconds(10));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void oneClearLineADockerLikeCodeAndNothingCreated(Row row) {
        List<String> argv = new ArrayList<>();
        if (row.asNobody()) {
            // nobody, with a HOME of its own (root's is not readable, the config file is looked up there)
            argv.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--",
                    "env", "HOME=" + socketDir));
        }
        String args = row.args().startsWith("env ") ? row.args() : "{launcher} " + row.args();
        for (String a : args.split(" ")) {
            argv.add(fill(a));
        }
        Engine.Result r = Engine.run(argv, null, 90);
        if (row.name().equals("restarting target") && !PODMAN && r.stderr().contains("is not running")) {
            // Caught between two restarts: ask once more.
            r = Engine.run(argv, null, 90);
        }
        // Notes are not errors: the IPC namespace not joined, and docker run's own "Unable to find
        // image" before a pull. For 126/127 the engine's exec error arrives in the output stream.
        String all = row.code() == 125 ? r.stderr() : r.stdout() + r.stderr();
        List<String> lines = all.lines()
                .filter(l -> !l.contains("not joining IPC") && !l.contains("Unable to find image")).toList();
        String shown = row.name() + ": exit " + r.exitCode() + ", stdout:\n" + r.stdout() + "stderr:\n" + r.stderr();
        assertEquals(row.code(), r.exitCode(), shown);
        assertEquals(1, lines.size(), shown);
        assertTrue(lines.getFirst().toLowerCase().contains(fill(row.says()).toLowerCase()), shown);
        System.out.println("BadInputIT: " + row.name() + " -> " + r.exitCode() + ": " + lines.getFirst());
        assertTrue(!r.stderr().contains("Exception") && !r.stderr().contains("\tat "), shown);
        if (row.code() == 125) {
            assertTrue(lines.getFirst().startsWith("docker-debug: "), shown);
        }
        for (String target : List.of("target", "stopped", "paused", "restarting", "sidecar")) {
            Engine.awaitNoSidecarOf(VARS.get(target), Duration.ofSeconds(10));
        }
    }
}
