package io.dockerdebug.cli;

import io.dockerdebug.DockerDebug;

/** The library connected the way the engine options (-H, --context, -n, --config) and the environment choose. */
final class Engines {
    private Engines() {
    }

    static DockerDebug.Builder builder(Stdio stdio, String host, String context, String profile, String configFile) {
        return DockerDebug.builder().environment(stdio.env()).host(host).context(context).profile(profile)
                .configFile(configFile);
    }
}
