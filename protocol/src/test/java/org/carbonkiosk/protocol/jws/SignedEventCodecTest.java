package org.carbonkiosk.protocol.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.TestEvents;
import org.carbonkiosk.protocol.TestKeys;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SignedEventCodecTest {
    private final SignedEventCodec codec = SignedEventCodec.standard();

    static java.util.List<KioskEvent> events() {
        return TestEvents.everyType();
    }

    @ParameterizedTest
    @MethodSource("events")
    void decode_signedEvent_givesTheEventAndKidAndVerifies(KioskEvent event) {
        // given
        String jws = codec.sign(event, 2, TestKeys.privateKey());
        // when
        SignedEventCodec.DecodedEvent decoded = codec.decode(jws.getBytes(StandardCharsets.US_ASCII)).value();
        // then
        assertThat(decoded.event()).isEqualTo(event);
        assertThat(decoded.kid().deviceId()).isEqualTo(event.deviceId());
        assertThat(decoded.kid().keyVersion()).isEqualTo(2);
        assertThat(codec.verify(decoded, TestKeys.publicKey())).isTrue();
        assertThat(new String(decoded.jws().signingInput(), StandardCharsets.US_ASCII))
                .isEqualTo(jws.substring(0, jws.lastIndexOf('.')));
    }

    @Test
    void sign_writesTheContractHeaderExactly() {
        String jws = codec.sign(TestEvents.deposit(), 1, TestKeys.privateKey());
        String header = new String(Base64Url.decode(jws.substring(0, jws.indexOf('.'))).value(), StandardCharsets.UTF_8);
        assertThat(header).isEqualTo("{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}");
    }

    @Test
    void verify_underAnotherKey_isFalse() {
        String jws = codec.sign(TestEvents.deposit(), 1, TestKeys.privateKey());
        SignedEventCodec.DecodedEvent decoded = codec.decode(jws.getBytes(StandardCharsets.US_ASCII)).value();
        assertThat(codec.verify(decoded, Ed25519KeyPair.generate().publicKey())).isFalse();
        assertThat(codec.verify(decoded, new byte[31])).isFalse();
    }

    @Test
    void decode_exactly8192Bytes_isNotOversize_and8193Is() {
        // given: any 8192-byte message gets past the size check (and fails later), 8193 does not
        byte[] at = new byte[Topics.MAX_MESSAGE_BYTES];
        Arrays.fill(at, (byte) 'A');
        byte[] over = Arrays.copyOf(at, at.length + 1);
        over[at.length] = 'A';
        // then
        assertThat(reason(codec.decode(at))).isEqualTo("not-compact-jws");
        assertThat(reason(codec.decode(over))).isEqualTo("oversize");
    }

    private static String reason(DecodeResult<?> r) {
        return ((DecodeResult.Malformed<?>) r).reason().code();
    }
}
