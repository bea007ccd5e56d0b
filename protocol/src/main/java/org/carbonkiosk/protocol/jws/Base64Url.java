package org.carbonkiosk.protocol.jws;

import java.util.Base64;
import java.util.regex.Pattern;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.MalformedReason;

/** base64url without padding (RFC 7515 section 2), strict: padding and stray characters are refused. */
public final class Base64Url {
    private static final Pattern ALPHABET = Pattern.compile("^[A-Za-z0-9_-]*$");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    public static DecodeResult<byte[]> decode(String text) {
        if (text.indexOf('=') >= 0) {
            return DecodeResult.malformed(MalformedReason.BASE64_PADDING, "base64url must not be padded");
        }
        if (!ALPHABET.matcher(text).matches() || text.length() % 4 == 1) {
            return DecodeResult.malformed(MalformedReason.BAD_BASE64, "not base64url");
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(text);
        } catch (IllegalArgumentException e) {
            return DecodeResult.malformed(MalformedReason.BAD_BASE64, "not base64url");
        }
        // Refuse non-canonical encodings (stray bits in the last character): one text, one byte string.
        if (!encode(bytes).equals(text)) {
            return DecodeResult.malformed(MalformedReason.BAD_BASE64, "non-canonical base64url");
        }
        return DecodeResult.ok(bytes);
    }
}
