package io.dockerdebug.tty;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Shows pull progress like the docker CLI: on a terminal one line per layer, rewritten in place
 * with cursor movements; otherwise one plain line per status change (no progress bars).
 */
public final class PullProgressPrinter {
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Integer> lineOfLayer = new LinkedHashMap<>();
    private final Map<String, String> lastStatus = new LinkedHashMap<>();

    public PullProgressPrinter(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** One engine message: layer id or null, status, progress bar text or null. */
    public synchronized void onProgress(String layer, String status, String progress) {
        if (status == null) {
            return;
        }
        String text = (layer == null ? "" : layer + ": ") + status;
        if (!terminal) {
            String key = layer == null ? "" : layer;
            if (!Objects.equals(lastStatus.put(key, status), status) || layer == null) {
                out.println(text);
            }
            return;
        }
        if (progress != null && !progress.isEmpty()) {
            text += " " + progress;
        }
        if (layer == null) {
            out.println(text);
            lineOfLayer.clear();
            return;
        }
        Integer line = lineOfLayer.get(layer);
        if (line == null) {
            lineOfLayer.put(layer, lineOfLayer.size());
            out.print(text + "\r\n");
        } else {
            int up = lineOfLayer.size() - line;
            // Up to the layer's line, clear it, write, and back down below the last line.
            out.print("\u001b[" + up + "A\r\u001b[2K" + text + "\r\u001b[" + up + "B");
        }
        out.flush();
    }
}
