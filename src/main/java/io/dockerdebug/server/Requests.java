package io.dockerdebug.server;

import io.dockerdebug.json.Json;
import io.dockerdebug.CommandOptions;
import io.dockerdebug.SidecarOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The shape of what a client may send, checked before anything reaches the library (which then
 * applies the same checks as the CLI): known fields only, types, sizes, no control characters.
 */
final class Requests {
    private static final Set<String> FIELDS = Set.of("target", "image", "command", "shell", "user", "workdir",
            "privileged", "capAdd", "keep", "pull", "cols", "rows");
    private static final int MAX_STRING = 4096;
    private static final int MAX_ITEMS = 64;

    private Requests() {
    }

    /**
     * A session's or exec's request in the library's terms; {@code command} has no TTY yet.
     *
     * @param target what the client named: name, id or unique id prefix
     */
    record Spec(String target, SidecarOptions sidecar, CommandOptions command) {
        /** The command with a TTY that xterm.js speaks to. */
        CommandOptions withTty() {
            return command.toBuilder().tty(true).env("TERM=xterm-256color").build();
        }
    }

    static Spec sessionSpec(Json body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("the body must be a JSON object");
        }
        for (String f : body.properties().keySet()) {
            if (!FIELDS.contains(f)) {
                throw ApiException.badRequest("unknown field: " + printable(f));
            }
        }
        String target = string(body, "target", 256);
        if (target == null || !target.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
            throw ApiException.badRequest("invalid target: name a container by name, ID or unique ID prefix");
        }
        String image = string(body, "image", 512);
        if (image != null && (image.isBlank() || image.chars().anyMatch(Character::isWhitespace))) {
            throw ApiException.badRequest("invalid image: name a toolbox image");
        }
        List<String> command = strings(body, "command", MAX_ITEMS);
        String shell = string(body, "shell", MAX_STRING);
        if (shell != null && !command.isEmpty()) {
            throw ApiException.badRequest("conflicting options: shell and command");
        }
        String workdir = string(body, "workdir", 1024);
        if (workdir != null && !workdir.startsWith("/")) {
            throw ApiException.badRequest("invalid workdir \"" + printable(workdir) + "\": must be an absolute path");
        }
        List<String> caps = strings(body, "capAdd", 48);
        for (String c : caps) {
            if (!c.matches("[A-Za-z_]{1,32}")) {
                throw ApiException.badRequest("invalid capability: " + printable(c));
            }
        }
        SidecarOptions.Builder sidecar = SidecarOptions.builder().image(image).pull(pull(string(body, "pull", 16)))
                .privileged(bool(body, "privileged")).keep(bool(body, "keep"));
        caps.forEach(sidecar::capAdd);
        CommandOptions.Builder run = CommandOptions.builder().command(command).shell(shell)
                .user(string(body, "user", 256)).workdir(workdir).tty(false);
        return ApiException.call(() -> new Spec(target, sidecar.build(), run.build()));
    }

    /** As {@code docker run --pull}: missing (the default), always, never. */
    private static SidecarOptions.PullPolicy pull(String value) {
        return value == null ? SidecarOptions.PullPolicy.MISSING : ApiException.call(() -> SidecarOptions.PullPolicy.parse(value));
    }

    /** A terminal dimension clamped to what a screen can show (a missing one is 80x24). */
    static int dimension(String value, int fallback, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            return Math.clamp(Integer.parseInt(value), 1, max);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("invalid terminal size: " + printable(value));
        }
    }

    private static String string(Json body, String field, int max) {
        Json n = body.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest(field + " must be a string");
        }
        return checked(field, n.asText(), max);
    }

    private static List<String> strings(Json body, String field, int maxItems) {
        Json n = body.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isArray() || n.size() > maxItems) {
            throw ApiException.badRequest(field + " must be an array of at most " + maxItems + " strings");
        }
        List<String> all = new ArrayList<>();
        for (Json item : n) {
            if (!item.isTextual()) {
                throw ApiException.badRequest(field + " must be an array of strings");
            }
            all.add(checked(field, item.asText(), MAX_STRING));
        }
        return all;
    }

    private static boolean bool(Json body, String field) {
        Json n = body.get(field);
        if (n == null || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw ApiException.badRequest(field + " must be true or false");
        }
        return n.asBoolean(false);
    }

    private static String checked(String field, String s, int max) {
        if (s.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters");
        }
        if (s.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
            throw ApiException.badRequest(field + " has a control character");
        }
        return s;
    }

    /** A client's text quoted back in an error: no control characters, bounded. */
    static String printable(String s) {
        String t = s.replaceAll("\\p{Cntrl}", "?");
        return t.length() > 80 ? t.substring(0, 80) + "..." : t;
    }
}
