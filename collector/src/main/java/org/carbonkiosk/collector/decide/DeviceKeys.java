package org.carbonkiosk.collector.decide;

import java.util.Optional;
import org.carbonkiosk.protocol.Kid;

/** Devices' public keys by {@code kid}: what verification needs of the registry. */
@FunctionalInterface
public interface DeviceKeys {
    /** The raw 32-byte Ed25519 public key of that key version, when registered. */
    Optional<byte[]> key(Kid kid);
}
