package io.dockerdebug;

import java.util.ArrayList;
import java.util.List;

/**
 * What runs in the sidecar, and how: a command run as is, or a string for {@code /bin/sh -c},
 * or (neither) a login shell. Immutable; make one with {@link #of}, {@link #shell} or
 * {@link #builder()}.
 *
 * @param command    the command and its arguments, run as is; empty for a string or a login shell
 * @param shell      a string for {@code /bin/sh -c}, or null
 * @param user       {@code USER[:GROUP]}, or null for the image's user
 * @param workdir    the working directory, or null for the mount dir
 * @param env        extra environment, each {@code NAME=VALUE}
 * @param tty        allocate a pseudo-terminal (stdout and stderr then arrive as one stream)
 * @param detachKeys the sequence that ends a terminal session, in docker syntax
 *                   ({@code ctrl-p,ctrl-q}); only read by interactive terminal sessions
 * @param chroot     run the command with the target's root as {@code /} and the toolbox's programs
 *                   after the target's on PATH; null for the configured default (else false)
 */
public record CommandOptions(List<String> command, String shell, String user, String workdir, List<String> env,
                             boolean tty, String detachKeys, Boolean chroot) {

    /** The docker CLI's detach sequence. */
    public static final String DEFAULT_DETACH_KEYS = "ctrl-p,ctrl-q";

    /**
     * Checks that only one of command and shell string is given, and copies the lists.
     *
     * @param command    see the record's description
     * @param shell      see the record's description
     * @param user       see the record's description
     * @param workdir    see the record's description
     * @param env        see the record's description
     * @param tty        see the record's description
     * @param detachKeys see the record's description
     * @param chroot     see the record's description
     */
    public CommandOptions {
        command = List.copyOf(command);
        env = List.copyOf(env);
        detachKeys = detachKeys == null ? DEFAULT_DETACH_KEYS : detachKeys;
        if (shell != null && !command.isEmpty()) {
            throw new InvalidOptionsException("conflicting options: a shell string and a command");
        }
    }

    /**
     * Options with the configured default for {@code chroot}.
     *
     * @param command    see the record's description
     * @param shell      see the record's description
     * @param user       see the record's description
     * @param workdir    see the record's description
     * @param env        see the record's description
     * @param tty        see the record's description
     * @param detachKeys see the record's description
     */
    public CommandOptions(List<String> command, String shell, String user, String workdir, List<String> env,
                          boolean tty, String detachKeys) {
        this(command, shell, user, workdir, env, tty, detachKeys, null);
    }

    /**
     * A command run as is, without a terminal.
     *
     * @param command the program and its arguments
     * @return the options
     */
    public static CommandOptions of(String... command) {
        return builder().command(command).build();
    }

    /**
     * A string for {@code /bin/sh -c}, without a terminal.
     *
     * @param script the shell code
     * @return the options
     */
    public static CommandOptions shell(String script) {
        return builder().shell(script).build();
    }

    /**
     * A builder: a login shell, no terminal, the default detach keys.
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
        b.command.addAll(command);
        b.shell = shell;
        b.user = user;
        b.workdir = workdir;
        b.env.addAll(env);
        b.tty = tty;
        b.detachKeys = detachKeys;
        b.chroot = chroot;
        return b;
    }

    /** Builds {@link CommandOptions}; not thread-safe. */
    public static final class Builder {
        private final List<String> command = new ArrayList<>();
        private String shell;
        private String user;
        private String workdir;
        private final List<String> env = new ArrayList<>();
        private boolean tty;
        private String detachKeys = DEFAULT_DETACH_KEYS;
        private Boolean chroot;

        private Builder() {
        }

        /**
         * The command, run as is (replaces an earlier one).
         *
         * @param command the program and its arguments
         * @return this builder
         */
        public Builder command(String... command) {
            return command(List.of(command));
        }

        /**
         * The command, run as is (replaces an earlier one).
         *
         * @param command the program and its arguments
         * @return this builder
         */
        public Builder command(List<String> command) {
            this.command.clear();
            this.command.addAll(command);
            return this;
        }

        /**
         * A string for {@code /bin/sh -c}.
         *
         * @param shell the shell code, or null
         * @return this builder
         */
        public Builder shell(String shell) {
            this.shell = shell;
            return this;
        }

        /**
         * The user.
         *
         * @param user {@code USER[:GROUP]}, or null
         * @return this builder
         */
        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /**
         * The working directory.
         *
         * @param workdir a directory in the sidecar (in the target with {@link #chroot}), or null for the mount dir
         * @return this builder
         */
        public Builder workdir(String workdir) {
            this.workdir = workdir;
            return this;
        }

        /**
         * Adds an environment variable.
         *
         * @param variable {@code NAME=VALUE}
         * @return this builder
         */
        public Builder env(String variable) {
            env.add(variable);
            return this;
        }

        /**
         * A pseudo-terminal.
         *
         * @param tty whether to allocate one
         * @return this builder
         */
        public Builder tty(boolean tty) {
            this.tty = tty;
            return this;
        }

        /**
         * The detach sequence of a terminal session.
         *
         * @param detachKeys in docker syntax, such as {@code ctrl-p,ctrl-q}
         * @return this builder
         */
        public Builder detachKeys(String detachKeys) {
            this.detachKeys = detachKeys;
            return this;
        }

        /**
         * Runs the command inside the target's root: {@code /} is the target's, the working
         * directory a path there, and the toolbox's programs come after the target's on PATH.
         *
         * @param chroot true or false, or null for the configured default
         * @return this builder
         */
        public Builder chroot(Boolean chroot) {
            this.chroot = chroot;
            return this;
        }

        /**
         * The options.
         *
         * @return immutable options
         */
        public CommandOptions build() {
            return new CommandOptions(command, shell, user, workdir, env, tty, detachKeys, chroot);
        }
    }
}
