package org.carbonkiosk.protocol.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.TestKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PublicJwkTest {
    private static final String X = "PYz1XP3VXG269WFQ0pTHWhjaRY2gU_jf9LUJZfd6l0M";

    @Test
    void parse_written_roundTrips() {
        // given
        PublicJwk jwk = new PublicJwk(TestKeys.publicKey());
        // when
        PublicJwk back = PublicJwk.parse(jwk.toJsonString().getBytes(StandardCharsets.UTF_8)).value();
        // then
        assertThat(back).isEqualTo(jwk);
        assertThat(back.publicKey()).isEqualTo(TestKeys.publicKey());
        assertThat(jwk.toJsonString()).isEqualTo("{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"}");
    }

    @Test
    void parse_otherJwkMembers_areIgnored() {
        String json = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"kid\":\"WH-HS-0001/1\",\"use\":\"sig\","
                + "\"alg\":\"EdDSA\"}";
        assertThat(PublicJwk.parse(json.getBytes(StandardCharsets.UTF_8)).value().x()).isEqualTo(X);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\",\"d\":\"loX-nyiEcutA0k_255gVfvhoESvEqw4UREFGR_krqMk\"} | unknown-member",
        "{\"kty\":\"EC\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"} | out-of-range",
        "{\"kty\":\"OKP\",\"crv\":\"X25519\",\"x\":\"" + X + "\"} | out-of-range",
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"} | out-of-range",
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"PYz1XP3VXG269WFQ0pTHWhjaRY2gU_jf9LUJZfd6l0N\"} | bad-base64",
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "=\"} | base64-padding",
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\"} | missing-member",
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":42} | ill-typed-member",
        "{\"kty\":\"OKP\",\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + X + "\"} | duplicate-key",
        "[] | bad-json"
    })
    void parse_notAnEd25519PublicJwk_isRefusedWithItsReason(String json, String code) {
        DecodeResult<PublicJwk> r = PublicJwk.parse(json.getBytes(StandardCharsets.UTF_8));
        assertThat(((DecodeResult.Malformed<PublicJwk>) r).reason().code()).isEqualTo(code);
    }

    @Test
    void keyPair_toString_hidesThePrivateKey() {
        Ed25519KeyPair pair = Ed25519KeyPair.fromPrivateKey(TestKeys.privateKey());
        assertThat(pair.toString()).contains(X).doesNotContain("loX-nyiEcutA0k_255gVfvhoESvEqw4UREFGR_krqMk");
        assertThat(pair.publicJwk().x()).isEqualTo(X);
    }
}
