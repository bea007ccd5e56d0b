package org.carbonkiosk.collector.ledger;

/** The external ledger (PROTOCOL.md section 7). */
public interface Ledger {
    /** Sends one credit body under its {@code creditId}; never throws for ledger or network failures. */
    LedgerResult send(String creditId, String body);
}
