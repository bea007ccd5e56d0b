package org.carbonkiosk.protocol.jws;

import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.Kid;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.event.KioskEvent;

/**
 * Signs events into JWS compact form, and decodes received ones strictly. Verification is a
 * separate step because it needs the device's key, looked up by the decoded {@code kid}.
 */
public final class SignedEventCodec {
    private final Ed25519 ed25519;

    public SignedEventCodec(Ed25519 ed25519) {
        this.ed25519 = ed25519;
    }

    /** A codec on BouncyCastle, the faster verifier. */
    public static SignedEventCodec standard() {
        return new SignedEventCodec(new BouncyCastleEd25519());
    }

    /** Signs an event with the device's private key of {@code keyVersion}; returns the JWS compact string. */
    public String sign(KioskEvent event, int keyVersion, byte[] privateKey) {
        EventHeader header = new EventHeader(new Kid(event.deviceId(), keyVersion));
        return CompactJws.sign(header.encode(), EventCodec.encode(event), privateKey, ed25519);
    }

    /**
     * The first step of verification order (RFC 7515 section 5.2): size, compact form and
     * protected header only; the payload is not interpreted. Never throws on bad input.
     */
    public DecodeResult<SignedHeader> decodeHeader(byte[] message) {
        return CompactJws.parse(message, Topics.MAX_MESSAGE_BYTES).then(jws ->
                EventHeader.decode(jws.header()).map(header -> new SignedHeader(jws, header.kid())));
    }

    /** The last step, after the signature verified: the payload, strictly. Never throws on bad input. */
    public DecodeResult<DecodedEvent> decodePayload(SignedHeader verified) {
        return EventCodec.decode(verified.jws().payload())
                .map(event -> new DecodedEvent(verified.jws(), verified.kid(), event));
    }

    /** True when the signature over the bytes as received verifies under {@code publicKey}. */
    public boolean verify(SignedHeader header, byte[] publicKey) {
        return header.jws().verify(publicKey, ed25519);
    }

    /** A device's public key made ready for verifying many of its events. */
    public Ed25519.Verifier verifier(byte[] publicKey) {
        return ed25519.verifier(publicKey);
    }

    /** True when the signature over the bytes as received verifies with {@code key}. */
    public boolean verify(SignedHeader header, Ed25519.Verifier key) {
        return key.verify(header.jws().signingInput(), header.jws().signature());
    }

    /**
     * A received message split and its header decoded, neither verified nor interpreted further.
     *
     * @param kid the header's key id
     */
    public record SignedHeader(CompactJws jws, Kid kid) {
    }

    /** Decodes a received message: size, compact form, header, payload. Never throws on bad input. */
    public DecodeResult<DecodedEvent> decode(byte[] message) {
        return CompactJws.parse(message, Topics.MAX_MESSAGE_BYTES).then(jws ->
                EventHeader.decode(jws.header()).then(header ->
                        EventCodec.decode(jws.payload()).map(event -> new DecodedEvent(jws, header.kid(), event))));
    }

    /** True when the event's signature verifies under {@code publicKey}. */
    public boolean verify(DecodedEvent event, byte[] publicKey) {
        return event.jws().verify(publicKey, ed25519);
    }

    /**
     * A decoded, not yet verified event.
     *
     * @param kid   the header's key id (its deviceId is not yet checked against the payload's)
     * @param event the payload
     */
    public record DecodedEvent(CompactJws jws, Kid kid, KioskEvent event) {
    }
}
