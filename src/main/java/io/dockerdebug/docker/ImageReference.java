package io.dockerdebug.docker;

/**
 * An image name split the way the engine's pull API wants it. The tag is after the last ':'
 * only when that ':' follows the last '/' (a registry port is not a tag).
 */
public record ImageReference(String repository, String tag, String digest) {

    public static ImageReference parse(String image) {
        String name = image;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        String tag = null;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(name, tag, digest);
    }

    public String tagOrDigest() {
        return digest != null ? digest : tag;
    }
}
