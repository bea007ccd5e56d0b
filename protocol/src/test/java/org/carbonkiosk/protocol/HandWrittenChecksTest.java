package org.carbonkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Random;
import java.util.regex.Pattern;
import org.carbonkiosk.protocol.jws.Base64Url;
import org.junit.jupiter.api.Test;

/**
 * The hot-path checks are written by hand for speed; each must agree with the plain rule it
 * replaces (a regular expression, the JDK's decoder) on many random near-miss inputs.
 */
class HandWrittenChecksTest {
    private final Random random = new Random(99);

    @Test
    void deviceIdIsValid_agreesWithTheContractsPattern() {
        Pattern pattern = Pattern.compile("^[A-Z0-9][A-Z0-9-]{2,31}$");
        for (int i = 0; i < 50_000; i++) {
            String s = randomString("AZ09-a_/ :\u00c4", 36);
            assertThat(DeviceId.isValid(s)).as(s).isEqualTo(pattern.matcher(s).matches());
        }
    }

    @Test
    void cardTokenIsValid_agreesWithTheLowercaseHexPattern() {
        Pattern pattern = Pattern.compile("^[0-9a-f]{64}$");
        for (int i = 0; i < 20_000; i++) {
            String s = random.nextBoolean() ? randomString("0af9Fg", 66) : randomFixed("09afAFg", 64);
            assertThat(CardToken.isValid(s)).as(s).isEqualTo(pattern.matcher(s).matches());
        }
    }

    @Test
    void base64UrlDecode_agreesWithTheJdkDecoderPlusCanonicalCheck() {
        Pattern alphabet = Pattern.compile("^[A-Za-z0-9_-]*$");
        for (int i = 0; i < 50_000; i++) {
            String s = randomString("AQgw_-z9+/=", 12);
            boolean expected;
            if (s.indexOf('=') >= 0 || !alphabet.matcher(s).matches() || s.length() % 4 == 1) {
                expected = false;
            } else {
                byte[] bytes = Base64.getUrlDecoder().decode(s);
                expected = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(s);
            }
            DecodeResult<byte[]> ours = Base64Url.decode(s);
            assertThat(ours.isOk()).as(s).isEqualTo(expected);
            if (expected) {
                assertThat(ours.value()).isEqualTo(Base64.getUrlDecoder().decode(s));
            }
        }
    }

    @Test
    void kidParse_agreesWithThePattern() {
        Pattern pattern = Pattern.compile("^[A-Z0-9][A-Z0-9-]{2,31}/[1-9][0-9]{0,8}$");
        for (int i = 0; i < 30_000; i++) {
            String s = randomString("AB0-/19", 14);
            assertThat(Kid.parse(s).isOk()).as(s).isEqualTo(pattern.matcher(s).matches());
        }
    }

    private String randomString(String alphabet, int maxLength) {
        return randomFixed(alphabet, random.nextInt(maxLength + 1));
    }

    private String randomFixed(String alphabet, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
