package io.dockerdebug.server;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CodesTest {
    /** A clock the test moves. */
    static final class Hands extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aCodeWorksOnceOnly() {
        Codes codes = new Codes();
        String c = codes.next();
        assertTrue(c.matches("[0-9a-f]{32}"), c);
        assertTrue(codes.redeem(c));
        assertFalse(codes.redeem(c), "a code worked twice");
    }

    @Test
    void aCodeEndsAtItsLifetime() {
        Hands clock = new Hands();
        Codes codes = new Codes(clock, Duration.ofMinutes(2));
        String c = codes.next();
        clock.now = clock.now.plus(Duration.ofMinutes(2));
        assertFalse(codes.redeem(c), "an expired code worked");
        String fresh = codes.next();
        clock.now = clock.now.plus(Duration.ofSeconds(119));
        assertTrue(codes.redeem(fresh));
    }

    @Test
    void aNewCodeEndsTheLastAndWrongCodesDoNotEndTheLiveOne() {
        Codes codes = new Codes();
        String old = codes.next();
        String live = codes.next();
        assertFalse(codes.redeem(old), "a replaced code worked");
        assertFalse(codes.redeem("0".repeat(32)));
        assertFalse(codes.redeem(null));
        assertTrue(codes.redeem(live), "wrong tries ended the live code");
    }
}
