package org.carbonkiosk.agent.hardware;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent drives in one kiosk. Claw parts are present only on claw kiosks.
 * {@code closer} releases the underlying buses (pi4j context, OPC UA session, serial port).
 */
public record Hardware(Scale scale, CardReader cardReader, DoorLock doorLock, DoorSwitch doorSwitch,
                       BinSensor binSensor, Optional<CoinLine> coinLine, Optional<PrizeSensor> prizeSensor,
                       AutoCloseable closer) implements AutoCloseable {

    public Hardware {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(cardReader, "cardReader");
        Objects.requireNonNull(doorLock, "doorLock");
        Objects.requireNonNull(doorSwitch, "doorSwitch");
        Objects.requireNonNull(binSensor, "binSensor");
        Objects.requireNonNull(coinLine, "coinLine");
        Objects.requireNonNull(prizeSensor, "prizeSensor");
        Objects.requireNonNull(closer, "closer");
    }

    @Override
    public void close() throws Exception {
        closer.close();
    }
}
