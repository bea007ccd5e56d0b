package org.carbonkiosk.protocol;

/**
 * Why a message is {@code malformed} (PROTOCOL.md section 5), precisely. Every one of these
 * leads to the decision reason {@code malformed}; the code is recorded with it for audit.
 */
public enum MalformedReason {
    OVERSIZE("oversize"),
    NOT_COMPACT_JWS("not-compact-jws"),
    BASE64_PADDING("base64-padding"),
    BAD_BASE64("bad-base64"),
    BAD_HEADER("bad-header"),
    UNSUPPORTED_ALG("unsupported-alg"),
    BAD_KID("bad-kid"),
    BAD_JSON("bad-json"),
    DUPLICATE_KEY("duplicate-key"),
    UNKNOWN_MEMBER("unknown-member"),
    MISSING_MEMBER("missing-member"),
    ILL_TYPED_MEMBER("ill-typed-member"),
    OUT_OF_RANGE("out-of-range"),
    NET_MISMATCH("net-mismatch"),
    BAD_DEVICE_ID("bad-device-id"),
    EVENT_ID_MISMATCH("event-id-mismatch"),
    BAD_TIMESTAMP("bad-timestamp"),
    UNSUPPORTED_VERSION("unsupported-version"),
    UNKNOWN_TYPE("unknown-type"),
    BAD_CARD("bad-card"),
    BAD_MATERIAL("bad-material");

    private final String code;

    MalformedReason(String code) {
        this.code = code;
    }

    /** The kebab-case code recorded with the rejection. */
    public String code() {
        return code;
    }
}
