package org.carbonkiosk.protocol.jws;

import java.util.Arrays;
import java.util.Base64;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.MalformedReason;

/**
 * base64url without padding (RFC 7515 section 2), strict: padding, characters outside the
 * URL-safe alphabet and non-canonical encodings (stray bits in the last character) are refused,
 * so one text always means one byte string.
 */
public final class Base64Url {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    /** Value of each URL-safe alphabet character, -1 for anything else. */
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    public static DecodeResult<byte[]> decode(String text) {
        int length = text.length();
        int last = -1;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '=') {
                return DecodeResult.malformed(MalformedReason.BASE64_PADDING, "base64url must not be padded");
            }
            if (c >= 128 || VALUES[c] < 0) {
                return DecodeResult.malformed(MalformedReason.BAD_BASE64, "not base64url");
            }
            last = VALUES[c];
        }
        DecodeResult<byte[]> tail = checkTail(length, last);
        return tail != null ? tail : DecodeResult.ok(DECODER.decode(text));
    }

    /** Decodes {@code bytes[from, to)} as ASCII base64url, with the same rules as {@link #decode(String)}. */
    static DecodeResult<byte[]> decode(byte[] bytes, int from, int to) {
        int last = -1;
        for (int i = from; i < to; i++) {
            int c = bytes[i];
            if (c == '=') {
                return DecodeResult.malformed(MalformedReason.BASE64_PADDING, "base64url must not be padded");
            }
            if (c < 0 || VALUES[c] < 0) {
                return DecodeResult.malformed(MalformedReason.BAD_BASE64, "not base64url");
            }
            last = VALUES[c];
        }
        DecodeResult<byte[]> tail = checkTail(to - from, last);
        return tail != null ? tail : DecodeResult.ok(DECODER.decode(Arrays.copyOfRange(bytes, from, to)));
    }

    /** Null when a text of {@code length} characters ending in the value {@code last} is canonical. */
    private static DecodeResult<byte[]> checkTail(int length, int last) {
        // 2 trailing characters carry 8 bits (4 unused), 3 carry 16 (2 unused); 1 cannot be.
        int unusedBits = switch (length % 4) {
            case 1 -> -1;
            case 2 -> 0b1111;
            case 3 -> 0b11;
            default -> 0;
        };
        if (unusedBits < 0) {
            return DecodeResult.malformed(MalformedReason.BAD_BASE64, "not base64url");
        }
        if ((last & unusedBits) != 0) {
            return DecodeResult.malformed(MalformedReason.BAD_BASE64, "non-canonical base64url");
        }
        return null;
    }
}
