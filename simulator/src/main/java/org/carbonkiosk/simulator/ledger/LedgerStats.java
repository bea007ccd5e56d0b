package org.carbonkiosk.simulator.ledger;

/**
 * What the stub ledger saw.
 *
 * @param requests          every POST /v1/credits
 * @param stored            credits stored (first sight of a creditId)
 * @param duplicates        resends of a stored creditId with the same body (answered as the first time)
 * @param conflicts         a known creditId with a different body (409; a protocol violation)
 * @param errorsInjected    500s answered by the error fault
 * @param timeoutsInjected  stored credits whose answer was withheld
 * @param unauthorized      requests with a missing or wrong bearer token
 * @param downPeriods       times the ledger went down (connections refused until it came back)
 */
public record LedgerStats(long requests, long stored, long duplicates, long conflicts, long errorsInjected,
                          long timeoutsInjected, long unauthorized, long downPeriods) {
}
