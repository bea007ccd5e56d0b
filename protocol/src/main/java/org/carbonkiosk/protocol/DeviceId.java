package org.carbonkiosk.protocol;

import java.util.regex.Pattern;

/** Device identifiers: {@code ^[A-Z0-9][A-Z0-9-]{2,31}$}, e.g. {@code WH-HS-0001}. */
public final class DeviceId {
    private static final Pattern PATTERN = Pattern.compile("^[A-Z0-9][A-Z0-9-]{2,31}$");

    private DeviceId() {
    }

    public static boolean isValid(String deviceId) {
        // the pattern above, by hand: it runs several times for every received event
        if (deviceId == null || deviceId.length() < 3 || deviceId.length() > 32) {
            return false;
        }
        for (int i = 0; i < deviceId.length(); i++) {
            char c = deviceId.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (c == '-' && i > 0);
            if (!ok) {
                return false;
            }
        }
        return true;
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
