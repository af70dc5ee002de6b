package io.dockerdebug.docker;

import java.nio.file.Path;
import java.util.Map;

/** The user's home directory as the docker CLI finds it: $HOME (Go's os.UserHomeDir), else the JVM's. */
public final class UserHome {
    private UserHome() {
    }

    /** The home directory for this environment. */
    public static Path of(Map<String, String> env) {
        String home = env.get("HOME");
        return Path.of(home != null && !home.isEmpty() ? home : System.getProperty("user.home"));
    }
}
