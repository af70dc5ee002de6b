package io.dockerdebug.docker;

/**
 * Which Engine API version to speak, as the docker CLI negotiates it: a pinned one as given,
 * else the lower of the engine's (its {@code GET /_ping} answer) and the newest we know.
 */
final class ApiVersion {
    /** The newest Engine API version we speak. */
    static final String MAX = "1.51";
    /** What the docker CLI assumes when the engine does not say. */
    private static final String FALLBACK = "1.24";

    private ApiVersion() {
    }

    /** A version pinned by a profile or the environment ("1.41" or "v1.41"), or null when none is. */
    static String pinned(String pinned) {
        if (pinned == null || pinned.isBlank()) {
            return null;
        }
        return pinned.startsWith("v") ? pinned.substring(1) : pinned;
    }

    /** The version to speak with an engine that says it speaks {@code server} (null or blank: it did not say). */
    static String negotiated(String server) {
        return server == null || server.isBlank() ? FALLBACK : compare(server, MAX) < 0 ? server : MAX;
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int p = i < x.length ? parseInt(x[i]) : 0;
            int q = i < y.length ? parseInt(y[i]) : 0;
            if (p != q) {
                return Integer.compare(p, q);
            }
        }
        return 0;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
