package org.carbonkiosk.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.SignedEvent;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.event.Material;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.provisioning.hardware.SimulatedToolHardware;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** self-test against a running collector and broker: every check passing and failing. */
@Tag("machine-services")
class SelfTestIT extends CollectorTestBase {

    @Test
    void selfTest_enrolledCalibratedKiosk_allChecksPass() {
        run("enroll");
        assertThat(tool.calibrate("--reference-grams", "1000").exitCode()).isEqualTo(ExitCodes.OK);

        ToolRunner.Result result = run("self-test", "--card-timeout-seconds", "5");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out())
                .containsPattern("file modes +PASS")
                .containsPattern("device key +PASS +version 1")
                .containsPattern("calibration +PASS")
                .containsPattern("scale +PASS +reads 0 g")
                .containsPattern("card reader +PASS +card read, token [0-9a-f]{8}\\.\\.\\.")
                .containsPattern("collector +PASS +up at .* enrolled with key version 1")
                .containsPattern("broker +PASS")
                .containsPattern("status seen +PASS")
                .containsPattern("receipt +SKIP")
                .containsPattern("clock +PASS")
                .contains("All checks passed");
        assertThat(result.all()).doesNotContainIgnoringCase(HexFormat.of().formatHex(SimulatedToolHardware.DEMO_CARD_UID));
    }

    @Test
    void selfTest_settledEventInOutbox_replayedAndReceiptSaysRepeat() throws Exception {
        // On a broker shared with other test runs (kiosk.it.mqttUrl), the shared subscription group
        // "collectors" has other members, which may take this event: only our own broker is certain.
        Assumptions.assumeTrue(embedded != null, "needs a broker of its own for the $share/collectors group");
        run("enroll");
        tool.calibrate("--reference-grams", "1000");
        DeviceKeyStore.SigningKey key = new DeviceKeyStore(tool.identityDir()).active().orElseThrow();
        String eventId;
        try (Outbox outbox = Outbox.open(tool.dataDir().resolve("outbox.db"), System::currentTimeMillis)) {
            var stored = outbox.append(seq -> {
                DepositEvent event = DepositEvent.of(new Envelope(deviceId, seq, OffsetDateTime.now(), true, "1.0.0"),
                        CardToken.of(HexFormat.of().parseHex(ToolRunner.CARD_KEY_HEX), new byte[] {1, 2, 3, 4}),
                        Material.PLASTIC, 10_000, 10_820, Optional.of(OffsetDateTime.now()));
                return new SignedEvent(event, SignedEventCodec.standard().sign(event, key.keyVersion(),
                        key.keyPair().privateKey()));
            }, false, Optional.empty()).orElseThrow();
            eventId = stored.eventId();
            publishAsTheAgent(stored.jws());
            await().until(() -> eventDecided(eventId));
            outbox.settle(eventId, "held", Optional.of("card-unbound"), 0);
        }

        ToolRunner.Result result = run("self-test", "--card-timeout-seconds", "5");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).containsPattern("receipt +PASS +replayed " + eventId + ": receipt came back \\(held, repeat");
    }

    @Test
    void selfTest_scaleNotRespondingAndNoCard_failsWithPlainLines() {
        run("enroll");
        tool.calibrate("--reference-grams", "1000");
        tool.hardware().simulatedLoadCell().setFailing(true);
        tool.hardware().setActsForTechnician(false);

        ToolRunner.Result result = run("self-test", "--card-timeout-seconds", "1");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(result.out()).containsPattern("scale +FAIL +the scale is not responding")
                .containsPattern("card reader +FAIL +no card read within 1 s")
                .contains("2 check(s) FAILED");
    }

    @Test
    void selfTest_noNtpAndClockOff_comparesWithCollectorAndFails() {
        run("enroll");
        tool.calibrate("--reference-grams", "1000");
        tool.ntp(Optional.empty()).clock(Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(-10)));

        ToolRunner.Result result = run("self-test", "--no-card");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(result.out()).containsPattern("clock +FAIL +differs from the collector's clock by 6\\d\\d s");
    }

    @Test
    void selfTest_noNtpClockRight_passesAgainstCollectorDate() {
        run("enroll");
        tool.calibrate("--reference-grams", "1000");
        tool.ntp(Optional.empty());

        ToolRunner.Result result = run("self-test", "--no-card");

        assertThat(result.out()).containsPattern("clock +PASS +within \\d+ s of the collector's clock");
    }

    @Test
    void selfTest_cardKeyReadableByOthers_fileModesFailWithChmodHint() throws IOException {
        run("enroll");
        tool.calibrate("--reference-grams", "1000");
        Path cardKey = tool.identityDir().resolve("card.key");
        Files.setPosixFilePermissions(cardKey, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));

        ToolRunner.Result result = run("self-test", "--no-card");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(result.out()).containsPattern("file modes +FAIL +.*card.key has permissions rw-r--r--.*chmod 600");
    }

    @Test
    void selfTest_notEnrolled_collectorCheckSaysRunEnroll() {
        tool.calibrate("--reference-grams", "1000");

        ToolRunner.Result result = run("self-test", "--no-card");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(result.out()).containsPattern("collector +FAIL +up, but " + deviceId + " is not enrolled there: run enroll");
    }
}
