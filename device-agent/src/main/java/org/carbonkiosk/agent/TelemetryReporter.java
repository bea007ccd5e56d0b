package org.carbonkiosk.agent;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.carbonkiosk.agent.hardware.BinSensor;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.StoreException;
import org.carbonkiosk.agent.publish.MqttPublisher;
import org.carbonkiosk.protocol.message.Telemetry;
import org.tinylog.Logger;

/** Telemetry, QoS 0: bin fill, the scale's idle reading, outbox depth, free disk and uptime. */
final class TelemetryReporter {
    private final String deviceId;
    private final BinSensor bin;
    private final IntSupplier idleReading;
    private final Outbox outbox;
    private final MqttPublisher publisher;
    private final Clock clock;
    private final ZoneId zone;
    private final LongSupplier uptimeSeconds;

    TelemetryReporter(String deviceId, BinSensor bin, IntSupplier idleReading, Outbox outbox, MqttPublisher publisher,
                      Clock clock, ZoneId zone, LongSupplier uptimeSeconds) {
        this.deviceId = deviceId;
        this.bin = bin;
        this.idleReading = idleReading;
        this.outbox = outbox;
        this.publisher = publisher;
        this.clock = clock;
        this.zone = zone;
        this.uptimeSeconds = uptimeSeconds;
    }

    void send() {
        int fill = 0;
        try {
            fill = bin.fillPercent();
        } catch (IOException e) {
            Logger.warn("bin sensor failed deviceId={}: {}", deviceId, e.getMessage());
        }
        try {
            Telemetry t = new Telemetry(Math.max(0, Math.min(100, fill)), idleReading.getAsInt(), outbox.depth(),
                    outbox.freeBytes(), uptimeSeconds.getAsLong(), OffsetDateTime.ofInstant(clock.instant(), zone));
            publisher.publishTelemetry(t.encode());
        } catch (StoreException e) {
            Logger.warn("telemetry skipped deviceId={}: {}", deviceId, e.getMessage());
        }
    }
}
