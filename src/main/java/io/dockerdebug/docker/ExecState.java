package io.dockerdebug.docker;

/** What exec inspect says: {@code exitCode} is null while running or when the engine has none. */
public record ExecState(boolean running, Integer exitCode) {
}
