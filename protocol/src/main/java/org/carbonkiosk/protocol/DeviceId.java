package org.carbonkiosk.protocol;

import java.util.regex.Pattern;

/** Device identifiers: {@code ^[A-Z0-9][A-Z0-9-]{2,31}$}, e.g. {@code WH-HS-0001}. */
public final class DeviceId {
    private static final Pattern PATTERN = Pattern.compile("^[A-Z0-9][A-Z0-9-]{2,31}$");

    private DeviceId() {
    }

    public static boolean isValid(String deviceId) {
        return deviceId != null && PATTERN.matcher(deviceId).matches();
    }

    /** Returns the id when valid; throws {@link IllegalArgumentException} naming it otherwise. */
    public static String require(String deviceId) {
        if (!isValid(deviceId)) {
            throw new IllegalArgumentException("invalid deviceId '" + deviceId
                    + "': must match " + PATTERN.pattern());
        }
        return deviceId;
    }
}
