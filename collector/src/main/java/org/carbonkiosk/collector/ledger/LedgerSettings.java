package org.carbonkiosk.collector.ledger;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.carbonkiosk.config.Backoff;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.config.Values;

/**
 * Where credits are forwarded ({@code ledger.*}).
 *
 * @param url            the ledger's base URL; empty = forwarding paused (credits wait in the outbox)
 * @param token          the bearer token the ledger expects
 * @param timeout        one request's timeout
 * @param backoffInitial the first retry's delay (doubling with jitter)
 * @param backoffMax     the longest retry delay
 */
public record LedgerSettings(String url, String token, Duration timeout, Duration backoffInitial,
                             Duration backoffMax) {

    public LedgerSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        if (!url.isEmpty()) {
            Values.url("ledger.url", url, List.of("http", "https"));
        }
        if (timeout.isZero() || backoffInitial.isZero() || backoffMax.compareTo(backoffInitial) < 0) {
            throw new ConfigException("ledger.backoffMax", "timeouts and backoffs must be > 0, max >= initial");
        }
    }

    /** Reads {@code ledger.*}: no URL (paused), a 10 s timeout, retries from 1 s doubling to 5 min. */
    public static LedgerSettings from(ConfigSource s) {
        return new LedgerSettings(s.string("ledger.url", ""), s.string("ledger.token", ""),
                duration(s, "ledger.timeout", Duration.ofSeconds(10)),
                duration(s, "ledger.backoffInitial", Duration.ofSeconds(1)),
                duration(s, "ledger.backoffMax", Duration.ofMinutes(5)));
    }

    /** Whether a ledger is configured (else forwarding is paused). */
    public boolean forwarding() {
        return !url.isEmpty();
    }

    public HttpLedger ledger() {
        return new HttpLedger(url, token, timeout);
    }

    public Backoff backoff() {
        return new Backoff(backoffInitial, backoffMax);
    }

    private static Duration duration(ConfigSource s, String key, Duration defaultValue) {
        return s.duration(key, ChronoUnit.SECONDS, defaultValue, Duration.ZERO, Duration.ofDays(36_500));
    }

    @Override
    public String toString() {
        return "Ledger[url=" + (url.isEmpty() ? "(paused)" : url) + ", timeout=" + timeout + "]";
    }
}
