package io.dockerdebug.config;

/** A config file that cannot be read or written; the message names the file (and line). */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
