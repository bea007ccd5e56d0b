package org.carbonkiosk.simulator.integrity;

import org.carbonkiosk.protocol.message.Receipt;

/** One deposit of the trial: what lay behind it, where, and the collector's decision. */
record Outcome(Behaviour behaviour, String deviceId, Receipt receipt) {
}
