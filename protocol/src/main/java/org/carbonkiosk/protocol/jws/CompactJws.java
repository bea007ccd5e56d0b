package org.carbonkiosk.protocol.jws;

import java.nio.charset.StandardCharsets;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.MalformedReason;

/**
 * A JWS in compact serialization (RFC 7515 section 7.1), split but not interpreted.
 * The signing input is kept as the exact ASCII bytes received, so verification never depends
 * on re-serialising anything.
 *
 * @param signingInput {@code B64U(header) "." B64U(payload)} as received
 */
public record CompactJws(byte[] header, byte[] payload, byte[] signature, byte[] signingInput) {

    /** Signs {@code header} and {@code payload} as given and returns the compact form. */
    public static String sign(byte[] header, byte[] payload, byte[] privateKey, Ed25519 ed25519) {
        String input = Base64Url.encode(header) + "." + Base64Url.encode(payload);
        byte[] signature = ed25519.sign(privateKey, input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64Url.encode(signature);
    }

    /** Splits a compact JWS of at most {@code maxBytes}; never throws on bad input. */
    public static DecodeResult<CompactJws> parse(byte[] message, int maxBytes) {
        if (message.length > maxBytes) {
            return DecodeResult.malformed(MalformedReason.OVERSIZE,
                    "message of " + message.length + " bytes exceeds " + maxBytes);
        }
        for (byte b : message) {
            if (b < 0x21 || b > 0x7e) {
                return DecodeResult.malformed(MalformedReason.NOT_COMPACT_JWS, "compact JWS must be printable ASCII");
            }
        }
        String text = new String(message, StandardCharsets.US_ASCII);
        int first = text.indexOf('.');
        int second = first < 0 ? -1 : text.indexOf('.', first + 1);
        if (first < 0 || second < 0 || text.indexOf('.', second + 1) >= 0) {
            return DecodeResult.malformed(MalformedReason.NOT_COMPACT_JWS, "compact JWS must have exactly three parts");
        }
        DecodeResult<byte[]> header = Base64Url.decode(text.substring(0, first));
        DecodeResult<byte[]> payload = Base64Url.decode(text.substring(first + 1, second));
        DecodeResult<byte[]> signature = Base64Url.decode(text.substring(second + 1));
        for (DecodeResult<byte[]> part : java.util.List.of(header, payload, signature)) {
            if (!part.isOk()) {
                return part.map(b -> null);
            }
        }
        byte[] signingInput = text.substring(0, second).getBytes(StandardCharsets.US_ASCII);
        return DecodeResult.ok(new CompactJws(header.value(), payload.value(), signature.value(), signingInput));
    }

    /** Verifies the signature over the signing input as received. */
    public boolean verify(byte[] publicKey, Ed25519 ed25519) {
        return ed25519.verify(publicKey, signingInput, signature);
    }
}
