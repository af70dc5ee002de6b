package io.dockerdebug;

/** Container ids as the docker CLI shows them. */
final class ShortId {
    private ShortId() {
    }

    static String of(String id) {
        return id != null && id.length() > 12 ? id.substring(0, 12) : id;
    }
}
