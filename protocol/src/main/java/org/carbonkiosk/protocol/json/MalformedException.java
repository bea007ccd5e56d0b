package org.carbonkiosk.protocol.json;

import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.MalformedReason;

/**
 * Raised inside a decoder when input is malformed; decoders catch it at their boundary and
 * return a {@link DecodeResult.Malformed}, so it never reaches a caller of the protocol API.
 */
public final class MalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final MalformedReason reason;

    public MalformedException(MalformedReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public MalformedReason reason() {
        return reason;
    }

    public <T> DecodeResult<T> toResult() {
        return DecodeResult.malformed(reason, getMessage());
    }
}
