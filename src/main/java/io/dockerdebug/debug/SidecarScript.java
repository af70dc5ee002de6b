package io.dockerdebug.debug;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shell that runs in the sidecar: each script is a file beside this class
 * ({@code src/main/resources/io/dockerdebug/debug/*.sh}, where each says what it does and what its
 * arguments are), checked by shellcheck in the build and tested on its own in a busybox container
 * (SidecarScriptsIT). It runs in the toolbox's {@code /bin/sh} (busybox ash, dash or bash), so
 * it is POSIX sh. Java only says how a script is invoked: {@code /bin/sh -c TEXT $0 ARGS...}.
 *
 * <p>A file is read once, when first used, and sent without its comment lines and indentation (a
 * script must therefore have no here-document and no quoted string across lines). A script of
 * several files is their texts in order: the first ones define functions the last one calls.
 */
enum SidecarScript {
    /** The sidecar's main process, and its dead-man's switch. */
    KEEPER("keeper.sh"),
    /** The main process of a sidecar kept by {@code --keep}. */
    WAITER("waiter.sh"),
    /** Runs the command of a TTY session with a TERM the toolbox knows. */
    TERM_CHECK("term-check.sh"),
    /** The interactive shell of a session. */
    LOGIN_SHELL("login-shell.sh"),
    /** The interactive shell of a rooted session, inside the target's root. */
    CHROOT_SHELL("chroot-shell.sh"),
    /** The function that finds the target's process in the shared pid namespace. */
    FIND_PID("find-pid.sh"),
    /** A rooted session ({@code --chroot}). */
    CHROOT("find-pid.sh", "chroot.sh"),
    /** The mount dir as a link to the target's root in the shared pid namespace. */
    LINK_ROOT("find-pid.sh", "link-root.sh"),
    /** A target that does not run, seen through its overlay layers. */
    MOUNT_LAYERS("mount-layers.sh"),
    /** One forwarded connection, relayed to a port of the target. */
    RELAY("relay.sh");

    private final List<String> files;
    private volatile String text;

    SidecarScript(String... files) {
        this.files = List.of(files);
    }

    /** Its files, in order. */
    List<String> files() {
        return files;
    }

    /** The script as sent to the toolbox's shell. */
    String text() {
        String t = text;
        if (t == null) {
            StringBuilder b = new StringBuilder();
            for (String file : files) {
                if (!b.isEmpty()) {
                    b.append('\n');
                }
                b.append(strip(read(file)));
            }
            t = b.toString();
            text = t;
        }
        return t;
    }

    /** {@code /bin/sh -c TEXT} then {@code args} (the first, if any, is the script's {@code $0}); a list to add to. */
    List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(3 + args.length);
        argv.add("/bin/sh");
        argv.add("-c");
        argv.add(text());
        argv.addAll(Arrays.asList(args));
        return argv;
    }

    /** The file's text without comment lines (the shebang and shellcheck's directives too), blank lines and indentation. */
    static String strip(String file) {
        StringBuilder b = new StringBuilder(file.length());
        for (String line : file.split("\n")) {
            String code = line.stripLeading();
            if (code.isEmpty() || code.startsWith("#")) {
                continue;
            }
            if (!b.isEmpty()) {
                b.append('\n');
            }
            b.append(code);
        }
        return b.toString();
    }

    private static String read(String file) {
        try (InputStream in = SidecarScript.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("the sidecar script " + file + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sidecar script " + file, e);
        }
    }
}
