package org.carbonkiosk.collector.ingest;

import org.carbonkiosk.protocol.message.Receipt;

/** Sends a receipt to {@code kiosk/v1/{d}/receipt}, QoS 1. */
public interface ReceiptPublisher {
    void publish(String deviceId, Receipt receipt);
}
