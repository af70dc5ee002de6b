package io.dockerdebug.cli;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The arguments as the bytes the caller passed, read as UTF-8 whatever the locale.
 *
 * <p>The JVM decodes argv with the locale's charset (sun.jnu.encoding, which cannot be
 * overridden): under {@code LC_ALL=C}, {@code env -i}, cron or ssh without a locale, every
 * non-ASCII byte becomes U+FFFD before {@code main} runs. The docker CLI passes argv bytes
 * through, and the engine API carries JSON strings, which are UTF-8: so the bytes are re-read
 * from {@code /proc/self/cmdline} and decoded as UTF-8 as Go's JSON encoder does, each byte
 * that is not part of valid UTF-8 becoming one U+FFFD (what docker sends for it).
 */
final class ExactArguments {
    private static final Path CMDLINE = Path.of("/proc/self/cmdline");

    private ExactArguments() {
    }

    static String[] of(String[] args) {
        Charset jnu = jnuCharset();
        if (!mayDiffer(args, jnu)) {
            return args;
        }
        try {
            return of(args, Files.readAllBytes(CMDLINE), jnu);
        } catch (IOException | RuntimeException e) {
            return args; // no /proc: keep what the JVM decoded
        }
    }

    /**
     * The last {@code args.length} entries of a NUL-separated command line, decoded as UTF-8;
     * {@code args} unchanged unless each entry decodes (with the JVM's charset) to its argument,
     * which proves they are the same arguments.
     */
    static String[] of(String[] args, byte[] cmdline, Charset jnu) {
        List<byte[]> raw = split(cmdline);
        if (raw.size() < args.length) {
            return args;
        }
        String[] exact = new String[args.length];
        int first = raw.size() - args.length;
        for (int i = 0; i < args.length; i++) {
            byte[] bytes = raw.get(first + i);
            if (!new String(bytes, jnu).equals(args[i])) {
                return args;
            }
            exact[i] = utf8(bytes);
        }
        return exact;
    }

    /** Only a non-UTF-8 charset or a replacement character can have lost bytes. */
    private static boolean mayDiffer(String[] args, Charset jnu) {
        boolean utf8 = jnu.equals(StandardCharsets.UTF_8);
        for (String a : args) {
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                if (c == '\uFFFD' || (!utf8 && c >= 0x80)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Charset jnuCharset() {
        try {
            return Charset.forName(System.getProperty("sun.jnu.encoding", "UTF-8"));
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static List<byte[]> split(byte[] cmdline) {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < cmdline.length; i++) {
            if (cmdline[i] == 0) {
                parts.add(java.util.Arrays.copyOfRange(cmdline, start, i));
                start = i + 1;
            }
        }
        return parts;
    }

    /** UTF-8 as Go decodes it (utf8.DecodeRune): each byte of an invalid sequence is one U+FFFD. */
    static String utf8(byte[] b) {
        StringBuilder s = new StringBuilder(b.length);
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            if (c < 0x80) {
                s.append((char) c);
                i++;
                continue;
            }
            int more;
            int lo = 0x80;
            int hi = 0xBF;
            int cp;
            if (c >= 0xC2 && c <= 0xDF) {
                more = 1;
                cp = c & 0x1F;
            } else if (c >= 0xE0 && c <= 0xEF) {
                more = 2;
                cp = c & 0x0F;
                lo = c == 0xE0 ? 0xA0 : 0x80; // no overlong forms
                hi = c == 0xED ? 0x9F : 0xBF; // no surrogates
            } else if (c >= 0xF0 && c <= 0xF4) {
                more = 3;
                cp = c & 0x07;
                lo = c == 0xF0 ? 0x90 : 0x80;
                hi = c == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
            } else {
                s.append('\uFFFD');
                i++;
                continue;
            }
            boolean valid = i + more < b.length;
            for (int k = 1; valid && k <= more; k++) {
                int t = b[i + k] & 0xff;
                valid = k == 1 ? t >= lo && t <= hi : t >= 0x80 && t <= 0xBF;
                cp = (cp << 6) | (t & 0x3F);
            }
            if (valid) {
                s.appendCodePoint(cp);
                i += more + 1;
            } else {
                s.append('\uFFFD');
                i++;
            }
        }
        return s.toString();
    }
}
