package io.dockerdebug.server;

import io.dockerdebug.config.Config;
import io.dockerdebug.docker.DockerEndpoint;
import io.dockerdebug.docker.RegistryAuth;

import java.util.List;

/** The engines a user has, resolved the way the CLI resolves them; given to the server by its front end. */
public interface EngineCatalog {

    /** Engine names; the first is the default one. */
    List<String> names();

    /** The endpoint of a name from {@link #names()}. */
    DockerEndpoint endpoint(String name);

    Config config();

    /** Credentials for pulls, or null. */
    RegistryAuth registryAuth();
}
