package org.carbonkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CardTokenTest {

    @Test
    void of_knownKeyAndUid_isTheHmacComputedByOpenssl() {
        // given: a 7-byte NFC UID and the fleet key 00..1f. The expected value was computed on this machine with
        //   printf '\x04\xa2\x24\x1a\x6b\x48\x80' | openssl dgst -sha256 -mac HMAC \
        //     -macopt hexkey:000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
        byte[] key = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
        byte[] uid = HexFormat.of().parseHex("04a2241a6b4880");
        // when
        String token = CardToken.of(key, uid);
        // then
        assertThat(token).isEqualTo("69b86f98f4b1503f633cefe42bb4347e64149bca2b36830fbefa0a321b9dc8b7");
        assertThat(CardToken.isValid(token)).isTrue();
    }

    @Test
    void of_differentUidOrKey_givesADifferentToken() {
        byte[] key = new byte[32];
        String a = CardToken.of(key, new byte[] {1, 2, 3, 4});
        assertThat(CardToken.of(key, new byte[] {1, 2, 3, 5})).isNotEqualTo(a);
        key[0] = 1;
        assertThat(CardToken.of(key, new byte[] {1, 2, 3, 4})).isNotEqualTo(a);
    }

    @Test
    void of_keyNot32BytesOrEmptyUid_isRefused() {
        assertThatThrownBy(() -> CardToken.of(new byte[31], new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CardToken.of(new byte[32], new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void isValid_upperCaseOrWrongLength_isFalse() {
        assertThat(CardToken.isValid("69B86F98F4B1503F633CEFE42BB4347E64149BCA2B36830FBEFA0A321B9DC8B7")).isFalse();
        assertThat(CardToken.isValid("69b86f98")).isFalse();
        assertThat(CardToken.isValid(null)).isFalse();
    }
}
