package org.carbonkiosk.protocol.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "41", "c2a9", "e282ac", "ed9fbf", "ee8080", "f0908080", "f48fbfbf", "efbfbf"})
    void firstInvalid_wellFormed_isMinusOne(String hex) {
        assertThat(Utf8.firstInvalid(HexFormat.of().parseHex(hex))).isEqualTo(-1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"00", "80", "c0af", "c1bf", "c2", "e282", "e08080", "eda080", "edbfbf", "f08f8080",
            "f4908080", "f5808080", "ff", "fe", "c241", "e2827f"})
    void firstInvalid_illFormedOrNul_isFound(String hex) {
        assertThat(Utf8.firstInvalid(HexFormat.of().parseHex(hex))).isNotNegative();
    }

    @Test
    void firstInvalid_agreesWithTheJdksStrictDecoderOnRandomBytes() {
        Random random = new Random(3);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[1 + random.nextInt(6)];
            random.nextBytes(b);
            for (int i = 0; i < b.length; i++) {
                if (b[i] == 0) {
                    b[i] = 1; // NUL is refused by us on purpose, accepted by the JDK decoder
                }
            }
            assertThat(Utf8.firstInvalid(b) < 0).as(HexFormat.of().formatHex(b)).isEqualTo(jdkAccepts(b));
        }
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
