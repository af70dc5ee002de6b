package io.dockerdebug;

/**
 * The engine as {@code docker version} and {@code docker info} see it.
 *
 * @param version       the engine's version
 * @param apiVersion    the newest API version the engine speaks
 * @param minApiVersion the oldest API version it speaks
 * @param os            its operating system
 * @param arch          its architecture
 * @param storageDriver its storage driver
 * @param name          its host name
 * @param usedApiVersion the API version docker-debug uses with it
 */
public record ServerInfo(String version, String apiVersion, String minApiVersion, String os, String arch,
                         String storageDriver, String name, String usedApiVersion) {
}
