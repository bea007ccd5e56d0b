package org.carbonkiosk.collector.ledger;

/**
 * What the ledger answered: {@code ACCEPTED} (2xx or 409), {@code RETRY} (5xx, timeout,
 * connection failure, 429), {@code DEAD} (any other 4xx).
 */
public record LedgerResult(Kind kind, String detail) {
    /** The three outcomes. */
    public enum Kind { ACCEPTED, RETRY, DEAD }

    public static LedgerResult of(int status, String body) {
        String detail = "HTTP " + status + (body.isEmpty() ? "" : ": " + body.substring(0, Math.min(200, body.length())));
        if ((status >= 200 && status < 300) || status == 409) {
            return new LedgerResult(Kind.ACCEPTED, detail);
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new LedgerResult(Kind.DEAD, detail);
        }
        return new LedgerResult(Kind.RETRY, detail);
    }
}
