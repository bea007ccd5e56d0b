package org.carbonkiosk.collector.store;

import java.util.List;
import java.util.Optional;

/** A registered kiosk with its key versions (public keys as base64url {@code x}). */
public record DeviceRecord(String deviceId, String kioskType, String location, String createdAt,
                           Optional<String> revokedAt, long lastSeq, List<KeyRecord> keys) {

    /** One key version of a device. */
    public record KeyRecord(int keyVersion, String publicKeyX, String addedAt) {
    }

    public boolean revoked() {
        return revokedAt.isPresent();
    }

    public Optional<KeyRecord> key(int version) {
        return keys.stream().filter(k -> k.keyVersion() == version).findFirst();
    }

    public int latestKeyVersion() {
        return keys.stream().mapToInt(KeyRecord::keyVersion).max().orElse(0);
    }
}
