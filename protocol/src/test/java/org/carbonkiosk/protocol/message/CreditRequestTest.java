package org.carbonkiosk.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.carbonkiosk.protocol.DecodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CreditRequestTest {
    /** PROTOCOL.md section 7, with a short evidence string. */
    static final String CONTRACT = "{\"creditId\":\"WH-HS-0001:42\",\"account\":\"acct-123\",\"grams\":1230,"
            + "\"month\":\"2026-11\",\"occurredAt\":\"2026-11-21T09:12:33.120+08:00\",\"deviceId\":\"WH-HS-0001\","
            + "\"netGrams\":820,\"scenario\":\"renewable-recycling\",\"ruleVersion\":\"wuhan-recycling-2025\","
            + "\"evidence\":\"aaa.bbb.ccc\"}";

    @Test
    void decode_contractBody_andEncodeGivesTheSameBytes() {
        CreditRequest c = CreditRequest.decode(CONTRACT.getBytes(StandardCharsets.UTF_8)).value();
        assertThat(c.creditId()).isEqualTo("WH-HS-0001:42");
        assertThat(c.grams()).isEqualTo(1230);
        assertThat(c.scenario()).isEqualTo(CreditRequest.SCENARIO);
        assertThat(new String(c.encode(), StandardCharsets.UTF_8)).isEqualTo(CONTRACT);
    }

    @Test
    void constructor_zeroGrams_isRefused() {
        assertThatThrownBy(() -> new CreditRequest("WH-HS-0001:42", "a", 0, "2026-11", "2026-11-21T09:12:33.120+08:00",
                "WH-HS-0001", 10, CreditRequest.SCENARIO, "r", "e")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"grams\":1230|\"grams\":0| out-of-range",
        "\"month\":\"2026-11\"|\"month\":\"2026-13\"| bad-timestamp",
        "\"month\":\"2026-11\"|\"month\":\"11/2026\"| bad-timestamp",
        "\"occurredAt\":\"2026-11-21T09:12:33.120+08:00\"|\"occurredAt\":\"2026-11-21\"| bad-timestamp",
        "\"deviceId\":\"WH-HS-0001\"|\"deviceId\":\"wh\"| bad-device-id",
        "\"creditId\":\"WH-HS-0001:42\"|\"creditId\":\"42\"| event-id-mismatch",
        "\"evidence\":\"aaa.bbb.ccc\"|\"evidence\":\"aaa.bbb.ccc\",\"x\":1| unknown-member"
    })
    void decode_offContract_isRefusedWithItsReason(String from, String to, String code) {
        DecodeResult<CreditRequest> r = CreditRequest.decode(CONTRACT.replace(from, to).getBytes(StandardCharsets.UTF_8));
        assertThat(((DecodeResult.Malformed<CreditRequest>) r).reason().code()).isEqualTo(code);
    }
}
