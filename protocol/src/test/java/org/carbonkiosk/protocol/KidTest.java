package org.carbonkiosk.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KidTest {

    @Test
    void parse_toString_roundTrips() {
        Kid kid = new Kid("WH-HS-0001", 12);
        assertThat(kid.toString()).isEqualTo("WH-HS-0001/12");
        assertThat(Kid.parse(kid.toString()).value()).isEqualTo(kid);
        assertThat(Kid.parse("ABC/999999999").value().keyVersion()).isEqualTo(999_999_999);
    }

    @ParameterizedTest
    @ValueSource(strings = {"WH-HS-0001", "WH-HS-0001/", "WH-HS-0001/0", "WH-HS-0001/01", "WH-HS-0001/-1",
            "WH-HS-0001/1/2", "wh-hs-0001/1", "/1", "WH-HS-0001/1000000000", "WH-HS-0001/1 "})
    void parse_notDeviceIdSlashVersion_isBadKid(String text) {
        DecodeResult<Kid> r = Kid.parse(text);
        assertThat(((DecodeResult.Malformed<Kid>) r).reason()).isEqualTo(MalformedReason.BAD_KID);
    }

    @Test
    void constructor_invalidParts_throw() {
        assertThatThrownBy(() -> new Kid("WH-HS-0001", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Kid("x", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
