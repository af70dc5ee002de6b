package io.dockerdebug.debug;

import java.util.Locale;

/** When to pull the toolbox image, as {@code docker run --pull}. */
public enum PullPolicy {
    MISSING, ALWAYS, NEVER;

    public static PullPolicy parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --pull \"" + value + "\": use missing, always or never");
        }
    }
}
