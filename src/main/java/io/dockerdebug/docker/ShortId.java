package io.dockerdebug.docker;

/** Container ids as the docker CLI shows them. */
public final class ShortId {
    private ShortId() {
    }

    /** The first 12 characters of an id, as {@code docker ps} shows it. */
    public static String of(String id) {
        return id != null && id.length() > 12 ? id.substring(0, 12) : id;
    }
}
