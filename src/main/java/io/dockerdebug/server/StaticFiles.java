package io.dockerdebug.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web page's files, read from the class path (no file system: works from the jar without
 * jdk.zipfs) and kept in memory. Only plain names under the page's folder are served.
 */
final class StaticFiles {
    static final String ROOT = "io/dockerdebug/web/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png");

    /** A file's bytes and content type. */
    record File(byte[] bytes, String type) {
    }

    private final Map<String, File> cache = new ConcurrentHashMap<>();

    /** The file at this request path ("/" is index.html), or null. */
    File get(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!name.matches("[a-z0-9-]+(/[a-z0-9-]+)*\\.[a-z]+")) {
            return null;
        }
        String type = TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        if (type == null) {
            return null;
        }
        return cache.computeIfAbsent(name, n -> load(n, type));
    }

    private static File load(String name, String type) {
        try (InputStream in = StaticFiles.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in == null ? null : new File(in.readAllBytes(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
