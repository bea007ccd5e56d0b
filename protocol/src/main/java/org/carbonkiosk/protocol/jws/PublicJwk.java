package org.carbonkiosk.protocol.jws;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.MalformedReason;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * An Ed25519 public key as a JWK (RFC 8037): {@code {"kty":"OKP","crv":"Ed25519","x":"..."}}.
 * Members a JWK may carry besides these are ignored (RFC 7517 section 4); a JWK holding a
 * private key ({@code d}) is refused, because a device's private key must never travel.
 */
public record PublicJwk(byte[] publicKey) {

    public PublicJwk {
        if (publicKey.length != Ed25519.KEY_BYTES) {
            throw new IllegalArgumentException("Ed25519 public key must be 32 bytes");
        }
        publicKey = publicKey.clone();
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** The base64url {@code x} member. */
    public String x() {
        return Base64Url.encode(publicKey);
    }

    /**
     * The RFC 7638 JWK thumbprint: base64url SHA-256 of {@code {"crv":"Ed25519","kty":"OKP","x":"..."}}
     * (required members only, lexicographic order, no whitespace). A short, stable fingerprint for logs.
     */
    public String thumbprint() {
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + x() + "\"}";
        try {
            return Base64Url.encode(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    public ObjectNode toJson() {
        ObjectNode o = StrictJson.newObject();
        o.put("kty", "OKP");
        o.put("crv", "Ed25519");
        o.put("x", x());
        return o;
    }

    public String toJsonString() {
        return new String(StrictJson.write(toJson()), java.nio.charset.StandardCharsets.UTF_8);
    }

    public static DecodeResult<PublicJwk> parse(byte[] json) {
        try {
            return fromJson(StrictJson.parseObject(json));
        } catch (MalformedException e) {
            return e.toResult();
        }
    }

    public static DecodeResult<PublicJwk> fromJson(JsonObject o) {
        try {
            if (o.has("d")) {
                return DecodeResult.malformed(MalformedReason.UNKNOWN_MEMBER, "a JWK with a private key (d) is refused");
            }
            if (!"OKP".equals(o.string("kty")) || !"Ed25519".equals(o.string("crv"))) {
                return DecodeResult.malformed(MalformedReason.OUT_OF_RANGE, "JWK must be kty OKP, crv Ed25519");
            }
            DecodeResult<byte[]> x = Base64Url.decode(o.string("x"));
            if (!x.isOk()) {
                return x.map(b -> null);
            }
            if (x.value().length != Ed25519.KEY_BYTES) {
                return DecodeResult.malformed(MalformedReason.OUT_OF_RANGE, "JWK x must be 32 bytes");
            }
            return DecodeResult.ok(new PublicJwk(x.value()));
        } catch (MalformedException e) {
            return e.toResult();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicJwk other && Arrays.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return toJsonString();
    }
}
