package io.dockerdebug.server;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Opens the user's browser on a URL with the platform's opener (no AWT). */
final class Browser {
    private Browser() {
    }

    static void open(String url, PrintStream err) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac") ? List.of("open", url)
                : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", url)
                : List.of("xdg-open", url);
        try {
            new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("docker-debug: cannot open a browser (" + command.getFirst() + "): open the URL above");
        }
    }
}
