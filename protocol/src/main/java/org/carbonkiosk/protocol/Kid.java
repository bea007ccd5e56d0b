package org.carbonkiosk.protocol;

/** A signing key's id: {@code deviceId/keyVersion}, key versions starting at 1. */
public record Kid(String deviceId, int keyVersion) {

    public Kid {
        DeviceId.require(deviceId);
        if (keyVersion < 1) {
            throw new IllegalArgumentException("keyVersion must be >= 1, was " + keyVersion);
        }
    }

    public static DecodeResult<Kid> parse(String kid) {
        if (kid == null) {
            return DecodeResult.malformed(MalformedReason.BAD_KID, "kid is missing");
        }
        int slash = kid.indexOf('/');
        if (slash < 0 || slash != kid.lastIndexOf('/')) {
            return DecodeResult.malformed(MalformedReason.BAD_KID, "kid must be deviceId/keyVersion");
        }
        String device = kid.substring(0, slash);
        String version = kid.substring(slash + 1);
        if (!DeviceId.isValid(device)) {
            return DecodeResult.malformed(MalformedReason.BAD_KID, "kid has an invalid deviceId");
        }
        if (!version.matches("[1-9][0-9]{0,8}")) {
            return DecodeResult.malformed(MalformedReason.BAD_KID, "kid has an invalid keyVersion");
        }
        return DecodeResult.ok(new Kid(device, Integer.parseInt(version)));
    }

    @Override
    public String toString() {
        return deviceId + "/" + keyVersion;
    }
}
