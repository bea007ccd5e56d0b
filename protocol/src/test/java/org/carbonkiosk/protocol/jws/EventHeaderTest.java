package org.carbonkiosk.protocol.jws;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.Kid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The canonical fast path and the general JSON path must give the same answers. */
class EventHeaderTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}| ok",
        "{\"kid\":\"WH-HS-0001/1\",\"alg\":\"EdDSA\",\"typ\":\"kiosk-event\"}| ok",
        "{ \"alg\" : \"EdDSA\", \"kid\" : \"WH-HS-0001/1\", \"typ\" : \"kiosk-event\" }| ok",
        "{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001\\u002f1\",\"typ\":\"kiosk-event\"}| ok",
        "{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/0\",\"typ\":\"kiosk-event\"}| bad-kid",
        "{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001//1\",\"typ\":\"kiosk-event\"}| bad-kid",
        "{\"alg\":\"EdDSA\",\"kid\":\"\",\"typ\":\"kiosk-event\"}| bad-kid",
        "{\"alg\":\"EdDSA\",\"kid\":\"WH\\\"/1\",\"typ\":\"kiosk-event\"}| bad-kid",
        "{\"alg\":\"EdDSA\",\"kid\":\"A\",\"kid\":\"B/1\",\"typ\":\"kiosk-event\"}| bad-header",
        "{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}x| bad-header",
        "{\"alg\":\"EdDSA\",\"kid\":42,\"typ\":\"kiosk-event\"}| bad-header",
        "{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\",\"crit\":[]}| bad-header",
        "{\"alg\":\"none\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}| unsupported-alg",
        "{\"alg\":\"eddsa\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}| unsupported-alg",
        "{\"alg\":null,\"kid\":\"WH-HS-0001/1\",\"typ\":\"kiosk-event\"}| unsupported-alg",
        "{\"alg\":\"EdDSA\",\"kid\":\"WH-HS-0001/1\",\"typ\":\"KIOSK-EVENT\"}| bad-header"
    })
    void decode_header_givesTheExpectedOutcome(String json, String expected) {
        DecodeResult<EventHeader> r = EventHeader.decode(json.getBytes(StandardCharsets.UTF_8));
        if (expected.equals("ok")) {
            assertThat(r.value().kid()).isEqualTo(new Kid("WH-HS-0001", 1));
        } else {
            assertThat(((DecodeResult.Malformed<EventHeader>) r).reason().code()).as(json).isEqualTo(expected);
        }
    }
}
