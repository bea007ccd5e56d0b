package org.carbonkiosk.protocol.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.TestEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCodecTest {

    static java.util.List<KioskEvent> events() {
        return TestEvents.everyType();
    }

    @ParameterizedTest
    @MethodSource("events")
    void decode_encodedEvent_givesTheSameEvent(KioskEvent event) {
        // when
        byte[] json = EventCodec.encode(event);
        DecodeResult<KioskEvent> decoded = EventCodec.decode(json);
        // then
        assertThat(decoded.value()).isEqualTo(event);
        assertThat(EventCodec.encode(decoded.value())).isEqualTo(json);
    }

    @Test
    void encode_contractDeposit_writesThePayloadOfProtocolSection4() {
        // when
        String json = new String(EventCodec.encode(TestEvents.deposit()), StandardCharsets.UTF_8);
        // then: the contract's member order; calibratedAt written with milliseconds
        assertThat(json).isEqualTo("{\"v\":1,\"type\":\"deposit\",\"eventId\":\"WH-HS-0001:42\",\"deviceId\":\"WH-HS-0001\","
                + "\"seq\":42,\"card\":\"" + TestEvents.CARD + "\",\"material\":\"mixed\",\"tareGrams\":10234,"
                + "\"grossGrams\":11054,\"netGrams\":820,\"occurredAt\":\"2026-11-21T09:12:33.120+08:00\","
                + "\"clockSynced\":true,\"calibratedAt\":\"2026-10-02T10:00:00.000+08:00\",\"agent\":\"1.0.0\"}");
    }

    @Test
    void encode_otherTypes_writeTheirOwnMembersOnly() {
        assertThat(new String(EventCodec.encode(TestEvents.clawPlay()), StandardCharsets.UTF_8))
                .contains("\"seq\":45,\"plays\":3,\"forEventId\":\"WH-HS-0001:42\",\"occurredAt\"");
        assertThat(new String(EventCodec.encode(TestEvents.prize()), StandardCharsets.UTF_8)).contains("\"slot\":7,");
        assertThat(new String(EventCodec.encode(TestEvents.tamper()), StandardCharsets.UTF_8))
                .isEqualTo("{\"v\":1,\"type\":\"tamper\",\"eventId\":\"WH-HS-0001:48\",\"deviceId\":\"WH-HS-0001\","
                        + "\"seq\":48,\"occurredAt\":\"2026-11-21T09:12:33.120+08:00\",\"clockSynced\":true,"
                        + "\"agent\":\"1.0.0\"}");
    }

    @Test
    void decode_contractExampleWithCalibratedAtWithoutFraction_keepsTheInstant() {
        // given: PROTOCOL.md section 4, verbatim
        String json = "{\"v\":1,\"type\":\"deposit\",\"eventId\":\"WH-HS-0001:42\",\"deviceId\":\"WH-HS-0001\",\"seq\":42,"
                + "\"card\":\"" + TestEvents.CARD + "\",\"material\":\"mixed\",\"tareGrams\":10234,\"grossGrams\":11054,"
                + "\"netGrams\":820,\"occurredAt\":\"2026-11-21T09:12:33.120+08:00\",\"clockSynced\":true,"
                + "\"calibratedAt\":\"2026-10-02T10:00:00+08:00\",\"agent\":\"1.0.0\"}";
        // when
        DepositEvent d = (DepositEvent) EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)).value();
        // then
        assertThat(d.netGrams()).isEqualTo(820);
        assertThat(d.calibratedAt()).contains(OffsetDateTime.parse("2026-10-02T10:00:00+08:00"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void envelope_agentOutside1To32Chars_isRefusedOnBothSides(String agent) {
        assertThatThrownBy(() -> new Envelope("WH-HS-0001", 1, TestEvents.AT, true, agent))
                .isInstanceOf(IllegalArgumentException.class);
        String json = new String(EventCodec.encode(TestEvents.tamper()), StandardCharsets.UTF_8)
                .replace("\"agent\":\"1.0.0\"", "\"agent\":\"" + agent + "\"");
        assertThat(EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)).isOk()).isFalse();
    }

    @Test
    void envelope_agentOf32Chars_roundTrips() {
        TamperEvent event = new TamperEvent(new Envelope("WH-HS-0001", 1, TestEvents.AT, true, "y".repeat(32)));
        assertThat(EventCodec.decode(EventCodec.encode(event)).value()).isEqualTo(event);
    }

    @ParameterizedTest
    @ValueSource(strings = {"WH-HS-0001:1", "ABC:9007199254740991", "A-B:1:2"})
    void isValidEventId_wellFormed_isTrue(String id) {
        // "A-B:1:2" splits at the last colon: deviceId "A-B:1" is invalid
        assertThat(Envelope.isValidEventId(id)).isEqualTo(!id.equals("A-B:1:2"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"WH-HS-0001", "WH-HS-0001:", "WH-HS-0001:0", "WH-HS-0001:01", ":5", "wh:5",
            "WH-HS-0001:9007199254740992", "WH-HS-0001:12345678901234567", "WH-HS-0001:+5", "WH-HS-0001:1e3"})
    void isValidEventId_malformed_isFalse(String id) {
        assertThat(Envelope.isValidEventId(id)).isFalse();
    }

    @Test
    void clawPlay_forEventIdNotAnEventId_isRefused() {
        assertThatThrownBy(() -> new ClawPlayEvent(TestEvents.envelope(1), 1, "deposit 42"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deposit_netNotGrossMinusTare_isRefused() {
        assertThatThrownBy(() -> new DepositEvent(TestEvents.envelope(1), TestEvents.CARD, Material.GLASS, 10, 20, 11,
                java.util.Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decode_versionBeyondIntRange_isUnsupportedVersion() {
        String json = new String(EventCodec.encode(TestEvents.tamper()), StandardCharsets.UTF_8)
                .replace("\"v\":1", "\"v\":4294967297");
        DecodeResult<KioskEvent> r = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8));
        assertThat(((DecodeResult.Malformed<KioskEvent>) r).reason().code()).isEqualTo("unsupported-version");
    }

    @Test
    void decode_escapedStringsAndMinusZero_areReadAsTheirValues() {
        // given: JSON escapes in deviceId and eventId, and -0 for the tare
        String json = new String(EventCodec.encode(TestEvents.deposit()), StandardCharsets.UTF_8)
                .replace("\"deviceId\":\"WH-HS-0001\"", "\"deviceId\":\"\\u0057H-HS-0001\"")
                .replace("\"tareGrams\":10234,\"grossGrams\":11054,\"netGrams\":820",
                        "\"tareGrams\":-0,\"grossGrams\":820,\"netGrams\":820");
        // when
        DepositEvent d = (DepositEvent) EventCodec.decode(json.getBytes(StandardCharsets.UTF_8)).value();
        // then
        assertThat(d.deviceId()).isEqualTo("WH-HS-0001");
        assertThat(d.tareGrams()).isZero();
    }

    @Test
    void decode_jacksonLimits_areBadJsonNotExceptions() {
        String deep = "{\"v\":" + "[".repeat(1500) + "]".repeat(1500) + "}";
        String longNumber = "{\"v\":1" + "0".repeat(1200) + "}";
        for (String json : new String[] {deep, longNumber}) {
            DecodeResult<KioskEvent> r = EventCodec.decode(json.getBytes(StandardCharsets.UTF_8));
            assertThat(((DecodeResult.Malformed<KioskEvent>) r).reason().code()).isEqualTo("bad-json");
        }
    }
}
