package org.carbonkiosk.protocol;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Card tokens: lowercase hex of HMAC-SHA256(fleetCardKey, UID bytes). The raw UID never
 * leaves the kiosk; only this token does.
 */
public final class CardToken {
    public static final int FLEET_KEY_BYTES = 32;

    private CardToken() {
    }

    public static String of(byte[] fleetCardKey, byte[] uid) {
        if (fleetCardKey.length != FLEET_KEY_BYTES) {
            throw new IllegalArgumentException("fleet card key must be 32 bytes");
        }
        if (uid.length == 0) {
            throw new IllegalArgumentException("card UID is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(fleetCardKey, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(uid));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** True for 64 lowercase hex characters ({@code ^[0-9a-f]{64}$}). */
    public static boolean isValid(String token) {
        if (token == null || token.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = token.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
