package org.carbonkiosk.protocol.jws;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
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
        int first = -1;
        int second = -1;
        int dots = 0;
        for (int i = 0; i < message.length; i++) {
            byte b = message[i];
            if (b < 0x21 || b > 0x7e) {
                return DecodeResult.malformed(MalformedReason.NOT_COMPACT_JWS, "compact JWS must be printable ASCII");
            }
            if (b == '.') {
                dots++;
                if (dots == 1) {
                    first = i;
                } else if (dots == 2) {
                    second = i;
                }
            }
        }
        if (dots != 2) {
            return DecodeResult.malformed(MalformedReason.NOT_COMPACT_JWS, "compact JWS must have exactly three parts");
        }
        DecodeResult<byte[]> header = Base64Url.decode(message, 0, first);
        if (!header.isOk()) {
            return header.map(b -> null);
        }
        DecodeResult<byte[]> payload = Base64Url.decode(message, first + 1, second);
        if (!payload.isOk()) {
            return payload.map(b -> null);
        }
        DecodeResult<byte[]> signature = Base64Url.decode(message, second + 1, message.length);
        if (!signature.isOk()) {
            return signature.map(b -> null);
        }
        byte[] signingInput = Arrays.copyOf(message, second);
        return DecodeResult.ok(new CompactJws(header.value(), payload.value(), signature.value(), signingInput));
    }

    /** Verifies the signature over the signing input as received. */
    public boolean verify(byte[] publicKey, Ed25519 ed25519) {
        return ed25519.verify(publicKey, signingInput, signature);
    }
}
