package org.carbonkiosk.protocol.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VerifierTest {
    private final byte[] message = "eyJhbGciOiJFZERTQSJ9.eyJ2IjoxfQ".getBytes(StandardCharsets.US_ASCII);

    @Test
    void verifier_agreesWithVerify_onBothImplementations() {
        for (Ed25519 ed : new Ed25519[] {new BouncyCastleEd25519(), new JdkEd25519()}) {
            Ed25519KeyPair key = Ed25519KeyPair.generate();
            byte[] signature = ed.sign(key.privateKey(), message);
            Ed25519.Verifier v = ed.verifier(key.publicKey());
            assertThat(v.verify(message, signature)).isTrue();
            byte[] other = message.clone();
            other[0] ^= 1;
            assertThat(v.verify(other, signature)).isFalse();
            assertThat(ed.verifier(Ed25519KeyPair.generate().publicKey()).verify(message, signature)).isFalse();
        }
    }

    @Test
    void verifier_illSizedOrOffCurveKey_verifiesNothing() {
        BouncyCastleEd25519 ed = new BouncyCastleEd25519();
        Ed25519KeyPair key = Ed25519KeyPair.generate();
        byte[] signature = ed.sign(key.privateKey(), message);
        assertThat(ed.verifier(new byte[31]).verify(message, signature)).isFalse();
        byte[] offCurve = new byte[32];
        offCurve[0] = 2; // y = 2 has no x on the curve
        assertThat(ed.verifier(offCurve).verify(message, signature)).isFalse();
        assertThat(ed.verifier(key.publicKey()).verify(message, new byte[10])).isFalse();
    }
}
