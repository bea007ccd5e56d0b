package org.carbonkiosk.collector.integrity;

/** A deposit's net weight, as the mass balance reads it. */
public record DepositWeight(long seq, int netGrams) {
}
