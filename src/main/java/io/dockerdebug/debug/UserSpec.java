package io.dockerdebug.debug;

import io.dockerdebug.InvalidOptionsException;

/** Checks a {@code -u USER[:GROUP]} value the engine would otherwise reject only at exec start. */
final class UserSpec {
    private UserSpec() {
    }

    static void validate(String user) {
        String[] parts = user.split(":", -1);
        if (parts.length > 2) {
            throw new InvalidOptionsException("invalid --user \"" + user + "\": expected USER[:GROUP]");
        }
        for (String p : parts) {
            if (p.isEmpty() || !p.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*")) {
                throw new InvalidOptionsException("invalid --user \"" + user + "\": expected USER[:GROUP] (names or ids)");
            }
        }
    }
}
