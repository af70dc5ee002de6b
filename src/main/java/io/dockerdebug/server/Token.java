package io.dockerdebug.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The server's secret: 32 random bytes as hex, compared in constant time. */
final class Token {
    static final int MIN_LENGTH = 32;
    private final byte[] value;

    private Token(String value) {
        this.value = value.getBytes(StandardCharsets.US_ASCII);
    }

    static Token random() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return new Token(HexFormat.of().formatHex(b));
    }

    /** A token of the user's: at least 32 characters of letters, digits, '-', '_' or '.'. */
    static Token of(String s) {
        if (s.length() < MIN_LENGTH || !s.matches("[A-Za-z0-9._-]+")) {
            throw ApiException.badRequest("the token must be at least " + MIN_LENGTH
                    + " characters of letters, digits, '.', '_' or '-'");
        }
        return new Token(s);
    }

    /** Constant time in the length of the candidate: no early exit on the first differing byte. */
    boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(value, candidate.getBytes(StandardCharsets.US_ASCII));
    }

    /** For the one line that tells the user where to go; never logged elsewhere. */
    String reveal() {
        return new String(value, StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "Token[hidden]";
    }
}
