package org.carbonkiosk.protocol.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.carbonkiosk.protocol.event.BinEmptiedEvent;
import org.carbonkiosk.protocol.event.ClawPlayEvent;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.DoorForcedEvent;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.KioskEvent;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.event.PrizeEvent;
import org.carbonkiosk.protocol.event.TamperEvent;
import org.junit.jupiter.api.Test;

/**
 * The JDK's Ed25519 (SunEC) and BouncyCastle's are independent implementations: what one
 * signs, the other verifies, with random keys and several events of every type. Also
 * checked against each library's own API, not only through our wrappers.
 */
class CrossImplementationTest {
    private static final Random RANDOM = new Random(20261121L);
    private final JdkEd25519 jdk = new JdkEd25519();
    private final BouncyCastleEd25519 bc = new BouncyCastleEd25519();

    @Test
    void signedWithJdk_verifiesWithBouncyCastle_andTheReverse() {
        for (int i = 0; i < 20; i++) {
            // given
            Ed25519KeyPair keys = Ed25519KeyPair.generate();
            byte[] message = EventCodecSupport.randomEventPayload(RANDOM);
            // when
            byte[] byJdk = jdk.sign(keys.privateKey(), message);
            byte[] byBc = bc.sign(keys.privateKey(), message);
            // then
            assertThat(bc.verify(keys.publicKey(), message, byJdk)).isTrue();
            assertThat(jdk.verify(keys.publicKey(), message, byBc)).isTrue();
            assertThat(byJdk).isEqualTo(byBc); // Ed25519 is deterministic
            message[message.length / 2] ^= 0x20;
            assertThat(bc.verify(keys.publicKey(), message, byJdk)).isFalse();
            assertThat(jdk.verify(keys.publicKey(), message, byBc)).isFalse();
        }
    }

    @Test
    void signedEventCodec_eventsSignedWithOneProvider_decodeAndVerifyWithTheOther() {
        SignedEventCodec jdkCodec = new SignedEventCodec(jdk);
        SignedEventCodec bcCodec = new SignedEventCodec(bc);
        for (KioskEvent event : randomEvents(25)) {
            // given
            Ed25519KeyPair keys = Ed25519KeyPair.generate();
            // when
            String byJdk = jdkCodec.sign(event, 3, keys.privateKey());
            String byBc = bcCodec.sign(event, 3, keys.privateKey());
            // then
            assertThat(byJdk).isEqualTo(byBc);
            SignedEventCodec.DecodedEvent decoded = bcCodec.decode(byJdk.getBytes(StandardCharsets.US_ASCII)).value();
            assertThat(decoded.event()).isEqualTo(event);
            assertThat(decoded.kid().toString()).isEqualTo(event.deviceId() + "/3");
            assertThat(bcCodec.verify(decoded, keys.publicKey())).isTrue();
            assertThat(jdkCodec.verify(jdkCodec.decode(byBc.getBytes(StandardCharsets.US_ASCII)).value(),
                    keys.publicKey())).isTrue();
            assertThat(jdkCodec.verify(decoded, Ed25519KeyPair.generate().publicKey())).isFalse();
        }
    }

    @Test
    void ourSignature_verifiesWithTheLibrariesOwnApis() throws Exception {
        // given: keys made by each library itself, not by our code
        KeyPair jdkPair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Ed25519KeyPairGenerator bcGenerator = new Ed25519KeyPairGenerator();
        bcGenerator.init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var bcPair = bcGenerator.generateKeyPair();
        byte[] message = "kiosk".getBytes(StandardCharsets.US_ASCII);

        // when: we sign with the BouncyCastle seed through JdkEd25519
        byte[] bcSeed = ((Ed25519PrivateKeyParameters) bcPair.getPrivate()).getEncoded();
        byte[] signature = jdk.sign(bcSeed, message);
        // then: BouncyCastle's own signer verifies it
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, bcPair.getPublic());
        verifier.update(message, 0, message.length);
        assertThat(verifier.verifySignature(signature)).isTrue();

        // when: we sign with the JDK key's seed through BouncyCastleEd25519
        byte[] jdkSeed = JdkEd25519.rawOf(jdkPair.getPrivate().getEncoded());
        byte[] signature2 = bc.sign(jdkSeed, message);
        // then: the JDK's own Signature verifies it
        Signature jdkVerifier = Signature.getInstance("Ed25519");
        jdkVerifier.initVerify(jdkPair.getPublic());
        jdkVerifier.update(message);
        assertThat(jdkVerifier.verify(signature2)).isTrue();
        assertThat(bc.publicKeyOf(jdkSeed)).isEqualTo(JdkEd25519.rawOf(jdkPair.getPublic().getEncoded()));
        assertThat(new Ed25519PublicKeyParameters(bc.publicKeyOf(bcSeed), 0).getEncoded())
                .isEqualTo(((Ed25519PublicKeyParameters) bcPair.getPublic()).getEncoded());
    }

    static List<KioskEvent> randomEvents(int n) {
        List<KioskEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String device = "WH-" + (char) ('A' + RANDOM.nextInt(26)) + "-" + (1000 + RANDOM.nextInt(9000));
            long seq = 1 + RANDOM.nextInt(1_000_000);
            OffsetDateTime at = OffsetDateTime.of(2026, 1 + RANDOM.nextInt(12), 1 + RANDOM.nextInt(28),
                    RANDOM.nextInt(24), RANDOM.nextInt(60), RANDOM.nextInt(60), RANDOM.nextInt(1000) * 1_000_000,
                    ZoneOffset.ofHours(RANDOM.nextInt(2) == 0 ? 8 : 0));
            Envelope e = new Envelope(device, seq, at, RANDOM.nextBoolean(), "1." + RANDOM.nextInt(10) + ".0");
            events.add(switch (i % 6) {
                case 0 -> DepositEvent.of(e, EventCodecSupport.randomCard(RANDOM),
                        Material.values()[RANDOM.nextInt(Material.values().length)], RANDOM.nextInt(20_000),
                        RANDOM.nextInt(40_000), RANDOM.nextBoolean() ? Optional.empty() : Optional.of(at.minusDays(30)));
                case 1 -> new ClawPlayEvent(e, 1 + RANDOM.nextInt(100), device + ":" + (seq + 1));
                case 2 -> new PrizeEvent(e, RANDOM.nextInt(256));
                case 3 -> new DoorForcedEvent(e);
                case 4 -> new BinEmptiedEvent(e, RANDOM.nextInt(200_000), EventCodecSupport.randomCard(RANDOM),
                        RANDOM.nextInt(2_000));
                default -> new TamperEvent(e);
            });
        }
        return events;
    }
}
