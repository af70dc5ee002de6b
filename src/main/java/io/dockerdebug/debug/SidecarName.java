package io.dockerdebug.debug;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A sidecar's container name, {@code <target>-debug-<random>}, so that {@code docker ps} shows
 * at once what it is for. Valid for any target name (the engine's rule is
 * {@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}) and unique through its random part.
 */
final class SidecarName {
    /** Room for the suffix within what stays readable in {@code docker ps}. */
    private static final int MAX_TARGET_PART = 48;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SidecarName() {
    }

    static String of(String targetName) {
        byte[] random = new byte[4];
        RANDOM.nextBytes(random);
        return targetPart(targetName) + "-debug-" + HexFormat.of().formatHex(random);
    }

    /** The target's name with anything a container name cannot hold replaced, never empty. */
    static String targetPart(String targetName) {
        String name = targetName == null ? "" : targetName.replaceAll("[^a-zA-Z0-9_.-]", "_");
        name = name.replaceFirst("^[^a-zA-Z0-9]+", "");
        if (name.length() > MAX_TARGET_PART) {
            name = name.substring(0, MAX_TARGET_PART);
        }
        return name.isEmpty() ? "container" : name;
    }
}
