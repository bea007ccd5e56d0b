package org.carbonkiosk.collector.decide;

import java.util.Optional;
import org.carbonkiosk.protocol.Kid;
import org.carbonkiosk.protocol.jws.Ed25519;

/** Devices' public keys by {@code kid}: what verification needs of the registry. */
@FunctionalInterface
public interface DeviceKeys {
    /** A verifier for that key version's Ed25519 public key, when registered. */
    Optional<Ed25519.Verifier> key(Kid kid);
}
