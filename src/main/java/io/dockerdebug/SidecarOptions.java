package io.dockerdebug;

import java.util.ArrayList;
import java.util.List;

/**
 * How the sidecar container is made: exactly what identifies a kept sidecar ({@code keep}),
 * so that two sessions with equal options share it. Immutable; make one with {@link #builder()}.
 *
 * @param image       the toolbox image, or null for the configured default
 * @param pull        when to pull the image
 * @param volumes     extra binds, each {@code SRC:DST[:ro|rw]}
 * @param mountDir    where the target's root appears in the sidecar, or "" not to mount it;
 *                    null for the configured default
 * @param privileged  give the sidecar extended privileges
 * @param capAdd      Linux capabilities to add
 * @param securityOpt security options, as {@code docker run --security-opt}
 * @param requireIpc  fail unless the target's IPC namespace can be joined
 * @param keep        leave the sidecar running and reuse one kept earlier with equal options
 * @param imageTarget the target names an image: its files are debugged on a throwaway layer, and
 *                    it never runs
 */
public record SidecarOptions(String image, PullPolicy pull, List<String> volumes, String mountDir, boolean privileged,
                             List<String> capAdd, List<String> securityOpt, boolean requireIpc, boolean keep,
                             boolean imageTarget) {

    /** The default toolbox image when neither the options nor the config file name one. */
    public static final String DEFAULT_IMAGE = "nicolaka/netshoot:latest";
    /** Where the target's root appears when neither the options nor the config file say. */
    public static final String DEFAULT_MOUNT_DIR = "/mnt/container";

    /** When to pull the toolbox image, as {@code docker run --pull}. */
    public enum PullPolicy {
        /** Pull only when the engine does not have the image. */
        MISSING,
        /** Pull before every session. */
        ALWAYS,
        /** Never pull; fail when the image is missing. */
        NEVER;

        /**
         * A policy by its name, as {@code docker run --pull} takes it.
         *
         * @param value "missing", "always" or "never" (any case, surrounding blanks ignored)
         * @return the policy
         * @throws InvalidOptionsException for any other value
         */
        public static PullPolicy parse(String value) {
            return parse(value, "pull policy");
        }

        /**
         * A policy by its name, refused with one line that names where it came from.
         *
         * @param value "missing", "always" or "never" (any case, surrounding blanks ignored)
         * @param what  what the value was given as, for the error: {@code --pull}, "pull policy"
         * @return the policy
         * @throws InvalidOptionsException for any other value
         */
        public static PullPolicy parse(String value, String what) {
            return switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "missing" -> MISSING;
                case "always" -> ALWAYS;
                case "never" -> NEVER;
                default -> throw new InvalidOptionsException("invalid " + what + " \"" + value
                        + "\": use missing, always or never");
            };
        }
    }

    /**
     * Copies the lists.
     *
     * @param image       see the record's description
     * @param pull        see the record's description
     * @param volumes     see the record's description
     * @param mountDir    see the record's description
     * @param privileged  see the record's description
     * @param capAdd      see the record's description
     * @param securityOpt see the record's description
     * @param requireIpc  see the record's description
     * @param keep        see the record's description
     * @param imageTarget see the record's description
     */
    public SidecarOptions {
        pull = pull == null ? PullPolicy.MISSING : pull;
        volumes = List.copyOf(volumes);
        capAdd = List.copyOf(capAdd);
        securityOpt = List.copyOf(securityOpt);
    }

    /**
     * Options for a container target.
     *
     * @param image       see the record's description
     * @param pull        see the record's description
     * @param volumes     see the record's description
     * @param mountDir    see the record's description
     * @param privileged  see the record's description
     * @param capAdd      see the record's description
     * @param securityOpt see the record's description
     * @param requireIpc  see the record's description
     * @param keep        see the record's description
     */
    public SidecarOptions(String image, PullPolicy pull, List<String> volumes, String mountDir, boolean privileged,
                          List<String> capAdd, List<String> securityOpt, boolean requireIpc, boolean keep) {
        this(image, pull, volumes, mountDir, privileged, capAdd, securityOpt, requireIpc, keep, false);
    }

    /**
     * The defaults: configured image and mount dir, pull when missing, nothing else.
     *
     * @return options with every default
     */
    public static SidecarOptions defaults() {
        return builder().build();
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder starting from these options.
     *
     * @return a new builder with this record's values
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.image = image;
        b.pull = pull;
        b.volumes.addAll(volumes);
        b.mountDir = mountDir;
        b.privileged = privileged;
        b.capAdd.addAll(capAdd);
        b.securityOpt.addAll(securityOpt);
        b.requireIpc = requireIpc;
        b.keep = keep;
        b.imageTarget = imageTarget;
        return b;
    }

    /** Builds {@link SidecarOptions}; not thread-safe. */
    public static final class Builder {
        private String image;
        private PullPolicy pull = PullPolicy.MISSING;
        private final List<String> volumes = new ArrayList<>();
        private String mountDir;
        private boolean privileged;
        private final List<String> capAdd = new ArrayList<>();
        private final List<String> securityOpt = new ArrayList<>();
        private boolean requireIpc;
        private boolean keep;
        private boolean imageTarget;

        private Builder() {
        }

        /**
         * The toolbox image.
         *
         * @param image an image reference, or null for the configured default
         * @return this builder
         */
        public Builder image(String image) {
            this.image = image;
            return this;
        }

        /**
         * When to pull the image.
         *
         * @param pull the policy
         * @return this builder
         */
        public Builder pull(PullPolicy pull) {
            this.pull = pull;
            return this;
        }

        /**
         * Adds an extra bind.
         *
         * @param volume {@code SRC:DST[:ro|rw]}
         * @return this builder
         */
        public Builder volume(String volume) {
            volumes.add(volume);
            return this;
        }

        /**
         * Where the target's root appears.
         *
         * @param mountDir an absolute path, "" not to mount it, or null for the configured default
         * @return this builder
         */
        public Builder mountDir(String mountDir) {
            this.mountDir = mountDir;
            return this;
        }

        /**
         * Extended privileges.
         *
         * @param privileged whether the sidecar is privileged
         * @return this builder
         */
        public Builder privileged(boolean privileged) {
            this.privileged = privileged;
            return this;
        }

        /**
         * Adds a Linux capability.
         *
         * @param capability such as {@code SYS_PTRACE}
         * @return this builder
         */
        public Builder capAdd(String capability) {
            capAdd.add(capability);
            return this;
        }

        /**
         * Adds a security option.
         *
         * @param option such as {@code seccomp=unconfined}
         * @return this builder
         */
        public Builder securityOpt(String option) {
            securityOpt.add(option);
            return this;
        }

        /**
         * Requires the target's IPC namespace.
         *
         * @param requireIpc fail unless it can be joined
         * @return this builder
         */
        public Builder requireIpc(boolean requireIpc) {
            this.requireIpc = requireIpc;
            return this;
        }

        /**
         * Keeps the sidecar for reuse.
         *
         * @param keep leave it running and reuse one kept earlier with equal options
         * @return this builder
         */
        public Builder keep(boolean keep) {
            this.keep = keep;
            return this;
        }

        /**
         * Makes the target an image: a throwaway layer over its files, its command never run.
         *
         * @param imageTarget whether the target names an image
         * @return this builder
         */
        public Builder imageTarget(boolean imageTarget) {
            this.imageTarget = imageTarget;
            return this;
        }

        /**
         * The options.
         *
         * @return immutable options
         */
        public SidecarOptions build() {
            return new SidecarOptions(image, pull, volumes, mountDir, privileged, capAdd, securityOpt, requireIpc, keep,
                    imageTarget);
        }
    }
}
