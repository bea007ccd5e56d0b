package org.carbonkiosk.protocol.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** RFC 8037 appendix A (Ed25519 key, JWK thumbprint, JWS signing and validation), values pasted from the RFC. */
class Rfc8037AppendixATest {
    // A.1
    static final String D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    static final String X = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    static final String PRIVATE_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"d\":\"" + D + "\",\"x\":\"" + X + "\"}";
    // A.2
    static final String PUBLIC_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}";
    // A.3
    static final String THUMBPRINT = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";
    // A.4
    static final String PROTECTED = "eyJhbGciOiJFZERTQSJ9";
    static final String PAYLOAD = "RXhhbXBsZSBvZiBFZDI1NTE5IHNpZ25pbmc";
    static final String SIGNATURE =
            "hgyY0il_MGCjP0JzlnLWG1PPOt7-09PGcvMg3AIbQR6dWbhijcNR4ki4iylGjg5BhVsPt9g7sVvpAr_MuM0KAg";
    static final String JWS = PROTECTED + "." + PAYLOAD + "." + SIGNATURE;

    static List<Ed25519> providers() {
        return List.of(new JdkEd25519(), new BouncyCastleEd25519());
    }

    @Test
    void privateKey_a1_isRfc8032TestVector1AndDerivesTheA2PublicKey() {
        // given
        byte[] d = Base64Url.decode(D).value();
        // when
        Ed25519KeyPair pair = Ed25519KeyPair.fromPrivateKey(d);
        // then
        assertThat(HexFormat.of().formatHex(d))
                .isEqualTo("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        assertThat(pair.publicJwk().x()).isEqualTo(X);
        assertThat(new JdkEd25519().publicKeyOf(d)).isEqualTo(Base64Url.decode(X).value());
    }

    @Test
    void publicJwk_a2_parsesAndWritesTheRfcForm() {
        // when
        PublicJwk jwk = PublicJwk.parse(PUBLIC_JWK.getBytes(StandardCharsets.UTF_8)).value();
        // then
        assertThat(jwk.x()).isEqualTo(X);
        assertThat(jwk.toJsonString()).isEqualTo(PUBLIC_JWK);
    }

    @Test
    void publicJwk_a1PrivateJwk_isRefusedBecauseItHoldsD() {
        assertThat(PublicJwk.parse(PRIVATE_JWK.getBytes(StandardCharsets.UTF_8)).isOk()).isFalse();
    }

    @Test
    void thumbprint_a3_isTheRfcThumbprint() throws Exception {
        // given: RFC 7638 canonical form: required members in lexicographic order, no whitespace
        String canonical = "{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"" + X + "\"}";
        // when
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
        // then
        assertThat(Base64Url.encode(digest)).isEqualTo(THUMBPRINT);
        assertThat(new PublicJwk(Base64Url.decode(X).value()).thumbprint()).isEqualTo(THUMBPRINT);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void sign_a4_reproducesTheRfcSignatureExactly(Ed25519 provider) {
        // when
        String jws = CompactJws.sign("{\"alg\":\"EdDSA\"}".getBytes(StandardCharsets.UTF_8),
                "Example of Ed25519 signing".getBytes(StandardCharsets.UTF_8), Base64Url.decode(D).value(), provider);
        // then
        assertThat(jws).isEqualTo(JWS);
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verify_a4_theRfcJwsVerifies(Ed25519 provider) {
        // given
        CompactJws jws = CompactJws.parse(JWS.getBytes(StandardCharsets.US_ASCII), 8192).value();
        // then
        assertThat(new String(jws.header(), StandardCharsets.UTF_8)).isEqualTo("{\"alg\":\"EdDSA\"}");
        assertThat(new String(jws.payload(), StandardCharsets.UTF_8)).isEqualTo("Example of Ed25519 signing");
        assertThat(jws.verify(Base64Url.decode(X).value(), provider)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verify_a5_aModifiedPayloadFails(Ed25519 provider) {
        // given: the RFC's JWS with its payload changed ("Example of Ed25519 signing!")
        String modified = PROTECTED + "." + Base64Url.encode("Example of Ed25519 signing!".getBytes(StandardCharsets.UTF_8))
                + "." + SIGNATURE;
        CompactJws jws = CompactJws.parse(modified.getBytes(StandardCharsets.US_ASCII), 8192).value();
        // then
        assertThat(jws.verify(Base64Url.decode(X).value(), provider)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("providers")
    void verify_a5_aModifiedHeaderOrSignatureFails(Ed25519 provider) {
        // given
        byte[] x = Base64Url.decode(X).value();
        String otherHeader = Base64Url.encode("{\"alg\":\"EdDSA\",\"x\":1}".getBytes(StandardCharsets.UTF_8));
        byte[] sig = Base64Url.decode(SIGNATURE).value();
        sig[63] ^= 0x01;
        // then
        assertThat(CompactJws.parse((otherHeader + "." + PAYLOAD + "." + SIGNATURE).getBytes(StandardCharsets.US_ASCII),
                8192).value().verify(x, provider)).isFalse();
        assertThat(CompactJws.parse((PROTECTED + "." + PAYLOAD + "." + Base64Url.encode(sig))
                .getBytes(StandardCharsets.US_ASCII), 8192).value().verify(x, provider)).isFalse();
    }
}
