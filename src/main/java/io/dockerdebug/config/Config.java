package io.dockerdebug.config;

import io.dockerdebug.docker.DockerEndpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one config file; every one is optional (null when not set).
 *
 * @param file           where it was read from (it may not exist)
 * @param exists         whether the file exists
 * @param image          default toolbox image
 * @param mountDir       default mount dir ("" to not mount)
 * @param command        default command, split into words, run like COMMAND after CONTAINER
 * @param timeout        deadline of non-streaming engine calls and credential helpers; null: the default
 * @param defaultProfile {@code config_default}: the profile used when nothing else chooses the engine
 * @param profiles       {@code [config.NAME]} tables by name, in file order
 * @param chroot         {@code chroot}: sessions rooted in the target (--chroot) unless --no-chroot
 */
public record Config(Path file, boolean exists, String image, String mountDir, String command, Duration timeout,
                     String defaultProfile, Map<String, Profile> profiles, Boolean chroot) {

    public Config(Path file, boolean exists, String image, String mountDir, String command, Duration timeout,
                  String defaultProfile, Map<String, Profile> profiles) {
        this(file, exists, image, mountDir, command, timeout, defaultProfile, profiles, null);
    }

    public static Config empty(Path file) {
        return new Config(file, false, null, null, null, null, null, Map.of(), null);
    }

    public Optional<Profile> profile(String name) {
        return Optional.ofNullable(profiles.get(name));
    }

    /** The configured timeout, else the engine's default. */
    public Duration timeoutOrDefault() {
        return timeout != null ? timeout : DockerEndpoint.DEFAULT_TIMEOUT;
    }
}
