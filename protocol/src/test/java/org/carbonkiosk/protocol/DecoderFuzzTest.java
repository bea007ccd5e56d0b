package org.carbonkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.carbonkiosk.protocol.event.EventCodec;
import org.carbonkiosk.protocol.jws.Base64Url;
import org.carbonkiosk.protocol.jws.BouncyCastleEd25519;
import org.carbonkiosk.protocol.jws.EventHeader;
import org.carbonkiosk.protocol.jws.JdkEd25519;
import org.carbonkiosk.protocol.jws.PublicJwk;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.DeviceStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.protocol.message.Telemetry;
import org.junit.jupiter.api.Test;

/**
 * Seeded random mutations of valid messages: no decoder may throw on bad input; each returns
 * Ok or Malformed. The seed is fixed, so a failure reproduces.
 */
class DecoderFuzzTest {
    private static final int ITERATIONS = 4_000;
    private final Random random = new Random(0x6b696f736bL);

    @Test
    void signedEventDecode_mutatedCompactBytes_neverThrows() {
        SignedEventCodec jdk = new SignedEventCodec(new JdkEd25519());
        SignedEventCodec bc = new SignedEventCodec(new BouncyCastleEd25519());
        byte[] key = TestKeys.privateKey();
        List<byte[]> seeds = TestEvents.everyType().stream()
                .map(e -> bc.sign(e, 1, key).getBytes(StandardCharsets.US_ASCII)).toList();
        int ok = 0;
        for (int i = 0; i < ITERATIONS; i++) {
            // given
            byte[] message = mutate(seeds.get(i % seeds.size()));
            // when
            DecodeResult<SignedEventCodec.DecodedEvent> result = bc.decode(message);
            // then
            assertThat(result).isNotNull();
            if (result.isOk()) {
                ok++;
                // verification of whatever decoded must not throw either, with either provider
                bc.verify(result.value(), TestKeys.publicKey());
                jdk.verify(result.value(), TestKeys.publicKey());
            }
            assertThat(jdk.decode(message).isOk()).isEqualTo(result.isOk());
        }
        assertThat(ok).as("some mutations (e.g. in the signature) still decode").isPositive();
    }

    @Test
    void signedEventDecode_mutatedPayloadJsonInsideAValidCompactForm_neverThrows() {
        SignedEventCodec codec = SignedEventCodec.standard();
        String header = Base64Url.encode(new EventHeader(new Kid(TestEvents.DEVICE, 1)).encode());
        String signature = Base64Url.encode(new byte[64]);
        List<byte[]> payloads = TestEvents.everyType().stream().map(EventCodec::encode).toList();
        for (int i = 0; i < ITERATIONS; i++) {
            // given: the JSON itself mutated, so the JSON and member checks are exercised, not only base64
            byte[] payload = mutate(payloads.get(i % payloads.size()));
            byte[] message = (header + "." + Base64Url.encode(payload) + "." + signature)
                    .getBytes(StandardCharsets.US_ASCII);
            // when
            DecodeResult<SignedEventCodec.DecodedEvent> result = codec.decode(message);
            // then
            assertThat(result).isNotNull();
            if (message.length <= 8192) {
                // the compact form is valid, so the outcome is the payload's
                assertThat(result.isOk()).isEqualTo(EventCodec.decode(payload).isOk());
            }
        }
    }

    @Test
    void messageDecoders_mutatedJson_neverThrow() {
        OffsetDateTime at = TestEvents.AT;
        List<Function<byte[], DecodeResult<?>>> decoders = List.of(Receipt::decode, DeviceStatus::decode,
                Telemetry::decode, CreditRequest::decode, PublicJwk::parse, EventHeader::decode,
                b -> EventCodec.decode(b));
        List<byte[]> seeds = List.of(
                new Receipt("WH-HS-0001:42", DecisionStatus.CREDITED, 1230, Optional.of(2730), Optional.of(4500),
                        Optional.empty(), false).encode(),
                new DeviceStatus(true, "1.0.0", at).encode(),
                new Telemetry(40, -12, 3, 1_000_000L, 3600, at).encode(),
                new CreditRequest("WH-HS-0001:42", "acct-123", 1230, "2026-11", "2026-11-21T09:12:33.120+08:00",
                        "WH-HS-0001", 820, CreditRequest.SCENARIO, "wuhan-recycling-2025", "a.b.c").encode(),
                new PublicJwk(TestKeys.publicKey()).toJsonString().getBytes(StandardCharsets.UTF_8),
                new EventHeader(new Kid("WH-HS-0001", 1)).encode());
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seeds.get(i % seeds.size()));
            for (Function<byte[], DecodeResult<?>> decoder : decoders) {
                assertThat(decoder.apply(input)).isNotNull();
            }
        }
    }

    /** One to four random edits: flip a bit, set a byte, insert, delete, duplicate a run, truncate. */
    private byte[] mutate(byte[] input) {
        byte[] b = input.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = (byte) random.nextInt(256);
                case 2 -> b[at] = (byte) "{}[]\":,.-_=0e9 \\\u0000".charAt(random.nextInt(17));
                case 3 -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
                case 4 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                case 5 -> {
                    int len = Math.min(1 + random.nextInt(16), b.length - at);
                    byte[] longer = Arrays.copyOf(b, b.length + len);
                    System.arraycopy(b, at, longer, at + len, b.length - at);
                    b = longer;
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

}
