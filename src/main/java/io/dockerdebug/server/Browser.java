package io.dockerdebug.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;

/**
 * Opens the user's browser with the platform's opener (no AWT) on a file that redirects to the
 * URL, as Jupyter does: the opener's and the browser's arguments, which every local user can
 * read ({@code ps -eo args}), name only that file, readable by its owner alone (0600).
 */
final class Browser {
    private Browser() {
    }

    static void open(String url, PrintStream err) {
        Path page;
        try {
            page = redirectFile(url);
        } catch (IOException e) {
            err.println("docker-debug: cannot open a browser (" + e.getMessage() + "): press Enter for a URL to open");
            return;
        }
        String target = page.toUri().toString();
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac") ? List.of("open", target)
                : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", target)
                : List.of("xdg-open", target);
        try {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("docker-debug: cannot open a browser (" + command.getFirst() + "): press Enter for a URL to open");
        }
    }

    /** A page only its owner can read, which sends the browser on to {@code url}; removed when serve ends. */
    static Path redirectFile(String url) throws IOException {
        Path file = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempFile("docker-debug-serve-", ".html",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile("docker-debug-serve-", ".html");
        file.toFile().deleteOnExit();
        String href = url.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
        Files.writeString(file, "<!doctype html>\n<html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\"0;url=" + href + "\"><title>docker-debug</title></head>\n"
                + "<body><p><a href=\"" + href + "\">Open docker-debug</a></p></body></html>\n", StandardCharsets.UTF_8);
        return file;
    }
}
