package org.carbonkiosk.agent.publish;

import org.carbonkiosk.protocol.message.Receipt;

/** Told of every well-formed receipt for this device, on the MQTT callback thread. */
public interface ReceiptListener {
    void onReceipt(Receipt receipt);
}
