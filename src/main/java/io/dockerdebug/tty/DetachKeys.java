package io.dockerdebug.tty;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * A detach-key sequence in the docker CLI's syntax: comma-separated keys, each a single
 * character or "ctrl-X" with X one of a-z, @, [, \, ], ^, _.
 */
public record DetachKeys(byte[] sequence) {

    private static final String DEFAULT = "ctrl-p,ctrl-q";

    public static DetachKeys parse(String spec) {
        if (spec == null || spec.isEmpty()) {
            throw new IllegalArgumentException("invalid detach keys \"\": expected keys like " + DEFAULT);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String key : spec.split(",", -1)) {
            bytes.write(toByte(key, spec));
        }
        return new DetachKeys(bytes.toByteArray());
    }

    private static int toByte(String key, String spec) {
        String k = key.trim();
        if (k.length() == 1) {
            return k.charAt(0);
        }
        String lower = k.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ctrl-") && k.length() == 6) {
            char c = lower.charAt(5);
            if (c >= 'a' && c <= 'z') {
                return c - 'a' + 1;
            }
            int i = "@[\\]^_".indexOf(c);
            if (i >= 0) {
                return i == 0 ? 0 : 27 + i - 1;
            }
        }
        throw new IllegalArgumentException("invalid detach keys \"" + spec + "\": unknown key \"" + key
                + "\" (use a single character or ctrl-a..ctrl-z, ctrl-@, ctrl-[, ctrl-\\, ctrl-], ctrl-^, ctrl-_)");
    }
}
