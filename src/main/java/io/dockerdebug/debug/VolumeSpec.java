package io.dockerdebug.debug;

import io.dockerdebug.InvalidOptionsException;

/** A {@code -v SRC:DST[:ro|rw]} option (SRC an absolute host path), checked before anything is created. */
public record VolumeSpec(String source, String destination, boolean readOnly) {

    public static VolumeSpec parse(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw bad(spec, "expected SRC:DST[:ro|rw]");
        }
        if (!parts[0].startsWith("/")) {
            // The engine would take a name as a named volume and create it when missing: left
            // behind by docker-debug, which cannot know whether it made it. Refused, not guessed.
            throw bad(spec, "source must be an absolute host path (\"" + parts[0] + "\" would be a named volume,"
                    + " created and left behind; for a relative path write $PWD/" + parts[0] + ")");
        }
        if (!parts[1].startsWith("/")) {
            throw bad(spec, "destination must be an absolute path");
        }
        boolean readOnly = false;
        if (parts.length == 3) {
            switch (parts[2]) {
                case "ro" -> readOnly = true;
                case "rw" -> readOnly = false;
                default -> throw bad(spec, "mode must be ro or rw");
            }
        }
        return new VolumeSpec(parts[0], parts[1], readOnly);
    }

    public String toBind() {
        return source + ":" + destination + (readOnly ? ":ro" : "");
    }

    private static RuntimeException bad(String spec, String why) {
        return new InvalidOptionsException("invalid --volume \"" + spec + "\": " + why);
    }
}
