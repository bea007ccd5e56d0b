package org.carbonkiosk.collector.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.carbonkiosk.collector.api.Caller;

/**
 * Console sign-ins, in memory: a random session id (the cookie) per signed-in token, with its
 * CSRF token and a one-time message for the next page. Sessions end on sign-out, after 8 hours
 * without use, after 24 hours in any case, and when the collector restarts.
 */
final class Sessions {
    static final Duration IDLE = Duration.ofHours(8);
    static final Duration MAX = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_SESSIONS = 10_000;

    /** One signed-in browser. */
    static final class Session {
        final String id;
        final Caller caller;
        final String csrf;
        final long createdNanos;
        volatile long usedNanos;
        volatile String flash;
        volatile boolean flashIsError;

        Session(String id, Caller caller, String csrf, long now) {
            this.id = id;
            this.caller = caller;
            this.csrf = csrf;
            this.createdNanos = now;
            this.usedNanos = now;
        }

        /** Constant-time check of a form's CSRF field. */
        boolean csrfMatches(String given) {
            return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
                    csrf.getBytes(StandardCharsets.US_ASCII));
        }

        void flash(String message, boolean error) {
            flash = message;
            flashIsError = error;
        }

        /** The one-time message, cleared. */
        Optional<String> takeFlash() {
            String f = flash;
            flash = null;
            return Optional.ofNullable(f);
        }
    }

    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();

    Session create(Caller caller) {
        long now = System.nanoTime();
        if (sessions.size() >= MAX_SESSIONS) {
            sessions.values().removeIf(s -> expired(s, now));
        }
        Session s = new Session(random(), caller, random(), now);
        sessions.put(s.id, s);
        return s;
    }

    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session s = sessions.get(id);
        long now = System.nanoTime();
        if (s == null || expired(s, now)) {
            if (s != null) {
                sessions.remove(id);
            }
            return Optional.empty();
        }
        s.usedNanos = now;
        return Optional.of(s);
    }

    void end(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    private static boolean expired(Session s, long now) {
        return now - s.usedNanos > IDLE.toNanos() || now - s.createdNanos > MAX.toNanos();
    }

    /** 256 random bits, base64url. */
    static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
