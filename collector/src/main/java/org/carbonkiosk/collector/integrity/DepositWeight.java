package org.carbonkiosk.collector.integrity;

/** A deposit's bin readings, as the mass balance reads them. */
public record DepositWeight(long seq, int tareGrams, int netGrams) {
}
