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
        if (!isKeyVersion(version)) {
            return DecodeResult.malformed(MalformedReason.BAD_KID, "kid has an invalid keyVersion");
        }
        return DecodeResult.ok(new Kid(device, Integer.parseInt(version)));
    }

    /** {@code [1-9][0-9]{0,8}}. */
    private static boolean isKeyVersion(String s) {
        if (s.isEmpty() || s.length() > 9 || s.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return deviceId + "/" + keyVersion;
    }
}
