package org.carbonkiosk.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.carbonkiosk.protocol.DecodeResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReceiptTest {
    static final String CONTRACT = "{\"eventId\":\"WH-HS-0001:42\",\"status\":\"credited\",\"creditedGrams\":1230,"
            + "\"monthCreditedGrams\":2730,\"monthCapGrams\":4500,\"reason\":null,\"repeat\":false}";

    @Test
    void decode_contractExample_andEncodeGivesTheSameBytes() {
        Receipt r = Receipt.decode(CONTRACT.getBytes(StandardCharsets.UTF_8)).value();
        assertThat(r).isEqualTo(new Receipt("WH-HS-0001:42", DecisionStatus.CREDITED, 1230, Optional.of(2730),
                Optional.of(4500), Optional.empty(), false));
        assertThat(new String(r.encode(), StandardCharsets.UTF_8)).isEqualTo(CONTRACT);
        assertThat(r.decision()).isEqualTo(Decision.credited(1230));
    }

    @Test
    void decode_heldWithoutMonthTotals_roundTripsWithNulls() {
        Receipt r = new Receipt("WH-HS-0001:43", DecisionStatus.HELD, 0, Optional.empty(), Optional.empty(),
                Optional.of(Reason.CARD_UNBOUND), false).asRepeat();
        String json = new String(r.encode(), StandardCharsets.UTF_8);
        assertThat(json).isEqualTo("{\"eventId\":\"WH-HS-0001:43\",\"status\":\"held\",\"creditedGrams\":0,"
                + "\"monthCreditedGrams\":null,\"monthCapGrams\":null,\"reason\":\"card-unbound\",\"repeat\":true}");
        assertThat(Receipt.decode(r.encode()).value()).isEqualTo(r);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"reason\":null,|| missing-member",
        "\"monthCapGrams\":4500,|| missing-member",
        "\"repeat\":false|\"repeat\":false,\"extra\":1| unknown-member",
        "\"status\":\"credited\"|\"status\":\"approved\"| out-of-range",
        "\"reason\":null|\"reason\":\"card-blocked\"| out-of-range",
        "\"reason\":null|\"reason\":\"no-such-reason\"| out-of-range",
        "\"creditedGrams\":1230|\"creditedGrams\":-5| out-of-range",
        "\"status\":\"credited\"|\"status\":\"held\"| out-of-range",
        "\"creditedGrams\":1230|\"creditedGrams\":1230.0| ill-typed-member",
        "\"repeat\":false|\"repeat\":0| ill-typed-member"
    })
    void decode_offContract_isRefusedWithItsReason(String from, String to, String code) {
        String json = CONTRACT.replace(from, to == null ? "" : to);
        DecodeResult<Receipt> r = Receipt.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(((DecodeResult.Malformed<Receipt>) r).reason().code()).as(json).isEqualTo(code);
    }

    @Test
    void decode_recordedNonDepositEvent_isCreditedZeroWithoutReason() {
        String json = CONTRACT.replace("\"creditedGrams\":1230", "\"creditedGrams\":0");

        Receipt r = Receipt.decode(json.getBytes(StandardCharsets.UTF_8)).value();

        assertThat(r.decision()).isEqualTo(Decision.recorded());
    }
}
