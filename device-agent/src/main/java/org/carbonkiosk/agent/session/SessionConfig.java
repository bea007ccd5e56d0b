package org.carbonkiosk.agent.session;

import java.util.Objects;
import org.carbonkiosk.agent.claw.ClawPolicy;
import org.carbonkiosk.protocol.DeviceId;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.protocol.event.Material;

/**
 * What the {@link SessionRunner} needs of the configuration, and nothing more.
 *
 * @param claw         true on claw kiosks: credited deposits earn plays by {@code clawPolicy}
 * @param material     what this kiosk's bin takes
 * @param minFreeBytes below this much free disk the kiosk refuses new deposits
 * @param scaleMode    {@code bin}: service cards open service sessions; {@code tray}: they are ignored
 */
public record SessionConfig(String deviceId, boolean claw, Material material, SessionTiming timing,
                            ClawPolicy clawPolicy, long minFreeBytes, ScaleMode scaleMode) {
    public SessionConfig {
        DeviceId.require(deviceId);
        Objects.requireNonNull(material, "material");
        Objects.requireNonNull(scaleMode, "scaleMode");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(clawPolicy, "clawPolicy");
    }
}
