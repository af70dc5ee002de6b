package io.dockerdebug.debug;

/** The sidecar's scripts as the sidecar gets them, for SidecarScriptsIT (another package). */
public final class SidecarScriptTexts {
    private SidecarScriptTexts() {
    }

    /** The text of the script named as in {@link SidecarScript} ({@code "KEEPER"}, {@code "CHROOT"}, ...). */
    public static String text(String script) {
        return SidecarScript.valueOf(script).text();
    }
}
