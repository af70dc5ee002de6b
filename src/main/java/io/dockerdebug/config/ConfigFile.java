package io.dockerdebug.config;

import io.dockerdebug.docker.UserHome;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The TOML config file: {@code --config FILE}, else {@code DOCKER_DEBUG_CONFIG}, else
 * {@code ~/.docker-debug/config.toml}. Reading never writes: a missing file is all defaults, a
 * malformed one is a {@link ConfigException} naming the file and line. Changes rewrite only
 * the lines they touch.
 */
public final class ConfigFile {
    public static final String ENV = "DOCKER_DEBUG_CONFIG";
    /** Keys the Go original writes that mean nothing here (its own version, a key password). */
    private static final Set<String> LEGACY_ROOT = Set.of("version");
    private static final Set<String> LEGACY_PROFILE = Set.of("cert_password");

    private final Path path;
    private final Map<String, String> env;
    /** The file as {@link #config} read it; a change through this object forgets it. */
    private Config loaded;

    private ConfigFile(Path path, Map<String, String> env) {
        this.path = path;
        this.env = env;
    }

    /** The file chosen by the flag, the environment or the default location. Reads nothing. */
    public static ConfigFile locate(String flag, Map<String, String> env) {
        String chosen = flag != null && !flag.isEmpty() ? flag : env.get(ENV);
        Path p = chosen != null && !chosen.isEmpty()
                ? expandHome(chosen, env)
                : UserHome.of(env).resolve(".docker-debug").resolve("config.toml");
        return new ConfigFile(p, env);
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    public Config load() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Config.empty(path);
        } catch (IOException e) {
            throw new ConfigException("cannot read " + path + ": " + e.getMessage(), e);
        }
        return fromToml(Toml.parse(path.toString(), text));
    }

    /**
     * The file's config, read on first use and kept: what the library's builder and the CLI's
     * commands share. A file that cannot be read or parsed fails with what {@code failure} makes
     * of the {@link ConfigException}'s message (the caller's one-line error).
     */
    public Config config(Function<String, ? extends RuntimeException> failure) {
        if (loaded == null) {
            try {
                loaded = load();
            } catch (ConfigException e) {
                throw failure.apply(e.getMessage());
            }
        }
        return loaded;
    }

    /** Writes the commented default file; refuses to replace an existing one unless {@code force}. */
    public void init(boolean force) {
        if (!force && Files.exists(path)) {
            throw new ConfigException(path + " already exists; use --force to overwrite it");
        }
        write(defaultText());
    }

    /** Sets profile keys (null: leave as is) and, when {@code makeDefault}, config_default. */
    public void setProfile(String name, String host, Boolean tls, String certDir, boolean makeDefault) {
        Toml toml = parseExisting();
        List<String> table = List.of("config", name);
        if (host != null) {
            toml = reparse(toml.set(table, "host", Toml.string(host)));
        }
        if (tls != null) {
            toml = reparse(toml.set(table, "tls", tls.toString()));
        }
        if (certDir != null) {
            toml = reparse(toml.set(table, "cert_dir", Toml.string(certDir)));
        }
        if (makeDefault) {
            toml = reparse(toml.set(List.of(), "config_default", Toml.string(name)));
        }
        write(toml.text());
    }

    /** Makes an existing profile the default one. */
    public void use(String name) {
        Toml toml = parseExisting();
        Config config = fromToml(toml);
        if (!config.profiles().containsKey(name)) {
            throw new ConfigException("no profile named \"" + name + "\" in " + path
                    + (config.profiles().isEmpty() ? "" : " (profiles: " + String.join(", ", config.profiles().keySet()) + ")"));
        }
        write(toml.set(List.of(), "config_default", Toml.string(name)));
    }

    private Toml parseExisting() {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            text = "";
        } catch (IOException e) {
            throw new ConfigException("cannot read " + path + ": " + e.getMessage(), e);
        }
        Toml toml = Toml.parse(path.toString(), text);
        fromToml(toml); // validate before changing anything
        return toml;
    }

    private Toml reparse(String text) {
        return Toml.parse(path.toString(), text);
    }

    private void write(String text) {
        loaded = null;
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".config", ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (FileAlreadyExistsException e) {
            throw new ConfigException("cannot write " + path + ": it exists", e);
        } catch (IOException e) {
            throw new ConfigException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    private Config fromToml(Toml toml) {
        Toml.Table root = toml.root;
        String image = null;
        String mountDir = null;
        String command = null;
        Duration timeout = null;
        String defaultProfile = null;
        Boolean chroot = null;
        for (var e : root.values.entrySet()) {
            Toml.Value v = e.getValue();
            switch (e.getKey()) {
                case "image" -> image = string(toml, e.getKey(), v);
                case "mount_dir" -> mountDir = string(toml, e.getKey(), v);
                case "command" -> command = string(toml, e.getKey(), v);
                case "timeout" -> timeout = duration(toml, v);
                case "config_default" -> defaultProfile = string(toml, e.getKey(), v);
                case "chroot" -> {
                    if (!(v.value() instanceof Boolean b)) {
                        throw toml.error(v.line(), "'chroot' must be true or false");
                    }
                    chroot = b;
                }
                default -> {
                    if (!LEGACY_ROOT.contains(e.getKey())) {
                        throw toml.error(v.line(), "unknown key '" + e.getKey() + "'");
                    }
                }
            }
        }
        Map<String, Profile> profiles = new LinkedHashMap<>();
        for (var t : root.tables.entrySet()) {
            if (!t.getKey().equals("config")) {
                throw toml.error(t.getValue().headerLine, "unknown table [" + t.getKey() + "]");
            }
            Toml.Table config = t.getValue();
            for (var v : config.values.entrySet()) {
                throw toml.error(v.getValue().line(), "'config." + v.getKey() + "' must be a table [config."
                        + v.getKey() + "]");
            }
            for (var p : config.tables.entrySet()) {
                profiles.put(p.getKey(), profile(toml, p.getKey(), p.getValue()));
            }
        }
        return new Config(path, true, image, mountDir, command, timeout, defaultProfile,
                java.util.Collections.unmodifiableMap(profiles), chroot);
    }

    private Profile profile(Toml toml, String name, Toml.Table table) {
        String host = null;
        boolean tls = false;
        String certDir = null;
        String version = null;
        if (!table.tables.isEmpty()) {
            String sub = table.tables.keySet().iterator().next();
            throw toml.error(table.tables.get(sub).headerLine, "unknown table [config." + name + "." + sub + "]");
        }
        for (var e : table.values.entrySet()) {
            Toml.Value v = e.getValue();
            switch (e.getKey()) {
                case "host" -> host = emptyToNull(string(toml, e.getKey(), v));
                case "tls" -> {
                    if (!(v.value() instanceof Boolean b)) {
                        throw toml.error(v.line(), "'tls' must be true or false");
                    }
                    tls = b;
                }
                case "cert_dir" -> certDir = emptyToNull(string(toml, e.getKey(), v));
                case "version" -> version = emptyToNull(string(toml, e.getKey(), v));
                default -> {
                    if (!LEGACY_PROFILE.contains(e.getKey())) {
                        throw toml.error(v.line(), "unknown key '" + e.getKey() + "' in [config." + name + "]");
                    }
                }
            }
        }
        if (certDir != null) {
            certDir = expandHome(certDir, env).toString();
        }
        return new Profile(name, host, tls, certDir, version);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String string(Toml toml, String key, Toml.Value v) {
        if (!(v.value() instanceof String s)) {
            throw toml.error(v.line(), "'" + key + "' must be a string in quotes");
        }
        return s;
    }

    /** The longest timeout accepted: more is a typo, and socket timeouts are int milliseconds. */
    static final Duration MAX_TIMEOUT = Duration.ofHours(24);

    /** Seconds, or "500ms" / "10s" / "2m"; the Go original wrote nanoseconds (an integer of 10^6 or more). */
    private static Duration duration(Toml toml, Toml.Value v) {
        Duration d = null;
        if (v.value() instanceof Long n) {
            if (n <= 0) {
                throw toml.error(v.line(), "'timeout' must be positive");
            }
            d = n >= 1_000_000 ? Duration.ofNanos(n) : Duration.ofSeconds(n);
        } else if (v.value() instanceof String s) {
            var m = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)").matcher(s.trim());
            if (m.matches()) {
                try {
                    long n = Long.parseLong(m.group(1));
                    d = switch (m.group(2)) {
                        case "ms" -> Duration.ofMillis(n);
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        default -> Duration.ofHours(n);
                    };
                } catch (NumberFormatException | ArithmeticException e) {
                    d = MAX_TIMEOUT.plusSeconds(1); // too many digits for a long: far too long anyway
                }
                if (d.isZero()) {
                    d = null;
                }
            }
        }
        if (d == null) {
            throw toml.error(v.line(), "'timeout' must be seconds or a duration such as \"10s\"");
        }
        if (d.compareTo(MAX_TIMEOUT) > 0) {
            throw toml.error(v.line(), "'timeout' must be at most 24h");
        }
        return d;
    }

    static Path expandHome(String p, Map<String, String> env) {
        if (p.equals("~")) {
            return UserHome.of(env);
        }
        if (p.startsWith("~/")) {
            return UserHome.of(env).resolve(p.substring(2));
        }
        return Path.of(p);
    }

    /** What {@code docker-debug init} writes. */
    public static String defaultText() {
        return """
                # docker-debug configuration. Every key is optional; command-line options win.
                # Docs: docker-debug --help, and the README's "Config file" section.

                # Toolbox image the sidecar runs (-i, --image).
                image = "nicolaka/netshoot:latest"

                # Where the target's root filesystem appears in the sidecar (--mount-dir); "" to not mount it.
                mount_dir = "/mnt/container"

                # Run sessions inside the target's root, the toolbox's programs on PATH (--chroot; --no-chroot wins).
                # chroot = true

                # Command to run when none is given, split into words (default: bash if the image has it, else sh).
                # command = "bash -l"

                # Timeout for reaching the engine: seconds, or a duration such as "500ms", "10s", "1m".
                timeout = 10

                # The profile used when neither -H, DOCKER_HOST, --context, DOCKER_CONTEXT nor -n chooses the engine
                # (set it with: docker-debug use NAME).
                # config_default = "default"

                # Engine profiles, chosen with -n NAME (set them with: docker-debug config -n NAME -H HOST ...).
                # [config.remote]
                # host = "tcp://build-host:2376"   # unix:///path, tcp://host:port or ssh://[user@]host[:port]
                # tls = true                       # verify the engine with cert_dir's ca.pem, cert.pem, key.pem
                # cert_dir = "~/.docker/build-host"
                # version = "1.41"                 # pin the Engine API version (default: negotiate)
                """;
    }
}
