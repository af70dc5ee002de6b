package io.dockerdebug.docker;

import io.dockerdebug.json.Json;

/** What exec inspect says: {@code exitCode} is null while running or when the engine has none. */
public record ExecState(boolean running, Integer exitCode) {
    /** From {@code GET /exec/ID/json}. */
    static ExecState fromInspect(Json json) {
        Json code = json.path("ExitCode");
        return new ExecState(json.path("Running").asBoolean(false), code.isNumber() ? code.asInt(0) : null);
    }
}
