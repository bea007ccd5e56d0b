package org.carbonkiosk.protocol.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import org.carbonkiosk.protocol.DecodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Base64UrlTest {

    @Test
    void decode_encoded_roundTripsEveryLength() {
        Random random = new Random(7);
        for (int n = 0; n < 100; n++) {
            byte[] bytes = new byte[n];
            random.nextBytes(bytes);
            String text = Base64Url.encode(bytes);
            assertThat(text).doesNotContain("=", "+", "/");
            assertThat(text).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
            assertThat(Base64Url.decode(text).value()).isEqualTo(bytes);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "QQ==, base64-padding",      // "A" padded
        "QQ=, base64-padding",
        "QR, bad-base64",            // non-canonical: "QQ" with a stray low bit
        "QUJ, bad-base64",           // non-canonical: "QUI" (AB) with a stray low bit
        "Q, bad-base64",             // length 1 mod 4
        "a+b/, bad-base64",          // standard alphabet
        "ab c, bad-base64",
        "ab.c, bad-base64"
    })
    void decode_nonCanonicalOrForeign_isRefused(String text, String code) {
        DecodeResult<byte[]> r = Base64Url.decode(text);
        assertThat(((DecodeResult.Malformed<byte[]>) r).reason().code()).isEqualTo(code);
    }

    @Test
    void decode_canonicalNeighbours_areAccepted() {
        assertThat(Base64Url.decode("QQ").value()).containsExactly('A');
        assertThat(Base64Url.decode("QUI").value()).containsExactly('A', 'B');
        assertThat(Base64Url.decode("").value()).isEmpty();
        assertThat(Base64Url.decode("-_8").value()).containsExactly(0xfb, 0xff);
    }
}
