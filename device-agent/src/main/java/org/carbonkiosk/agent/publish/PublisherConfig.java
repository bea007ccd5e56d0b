package org.carbonkiosk.agent.publish;

import java.time.Duration;
import java.util.Objects;
import org.carbonkiosk.protocol.DeviceId;

/**
 * What the {@link MqttPublisher} needs of the configuration.
 *
 * @param agentVersion the version in the retained status
 * @param resendAfter  first wait for a receipt before publishing the same bytes again
 * @param resendMax    the longest wait between resends (the wait doubles up to this)
 * @param maxInFlight  at most this many events published and awaiting a receipt
 */
public record PublisherConfig(String deviceId, String agentVersion, MqttSettings mqtt, Duration resendAfter,
                              Duration resendMax, int maxInFlight) {
    public PublisherConfig {
        DeviceId.require(deviceId);
        Objects.requireNonNull(mqtt, "mqtt");
    }
}
