package io.dockerdebug.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The one-time code that serve prints or opens instead of its token: the page trades it once for
 * the token, so that what the address bar, the browser's history, a process's arguments or a
 * shoulder-surfer saw is dead. One code lives at a time: a new one replaces the last; a code ends
 * at its first use and at {@link #LIFETIME}. A wrong code does not end the live one (128 random
 * bits are not guessed, and a stranger's wrong tries must not lock the user out).
 */
final class Codes {
    /** Long enough to copy a URL from a terminal into a browser; press Enter on serve's terminal for another. */
    static final Duration LIFETIME = Duration.ofMinutes(2);

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration lifetime;
    private byte[] code;
    private Instant expires = Instant.MIN;

    Codes() {
        this(Clock.systemUTC(), LIFETIME);
    }

    Codes(Clock clock, Duration lifetime) {
        this.clock = clock;
        this.lifetime = lifetime;
    }

    /** A fresh code (128 random bits as hex); the previous one is dead. */
    synchronized String next() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        String c = HexFormat.of().formatHex(b);
        code = c.getBytes(StandardCharsets.US_ASCII);
        expires = clock.instant().plus(lifetime);
        return c;
    }

    /** Whether this is the live code, in time; if so it is spent. */
    synchronized boolean redeem(String candidate) {
        if (code == null || candidate == null || !clock.instant().isBefore(expires)
                || !MessageDigest.isEqual(code, candidate.getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        code = null;
        return true;
    }
}
