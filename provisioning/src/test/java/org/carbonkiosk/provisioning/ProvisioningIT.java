package org.carbonkiosk.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.SignedEvent;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.collector.CollectorApp;
import org.carbonkiosk.collector.CollectorConfig;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.event.Envelope;
import org.carbonkiosk.protocol.event.TamperEvent;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.jws.SignedEventCodec;
import org.carbonkiosk.provisioning.hardware.SimulatedToolHardware;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.awaitility.Awaitility.await;

/**
 * Every collector-facing command driven through picocli against a real running collector
 * ({@link CollectorApp}) and a real broker (embedded HiveMQ CE, or {@code kiosk.it.mqttUrl}).
 */
@Tag("machine-services")
class ProvisioningIT {
    private static EmbeddedBroker embedded;
    private static String brokerUrl;
    private static CollectorApp collector;
    private static String collectorUrl;

    @TempDir
    Path dir;
    String deviceId;
    ToolRunner tool;

    @BeforeAll
    static void startCollector() throws IOException {
        String external = System.getProperty("kiosk.it.mqttUrl", "");
        if (external.isBlank()) {
            embedded = EmbeddedBroker.createTemporary().start();
            brokerUrl = embedded.url();
        } else {
            brokerUrl = external;
        }
        CollectorConfig config = CollectorConfig.defaults().withMqttUrl(brokerUrl).withHttpPort(0)
                .withDataDir(Files.createTempDirectory("provisioning-it-collector"))
                .withMqttClientId("provisioning-it-" + UUID.randomUUID()).withAdminToken("it-admin-token-0123456789");
        collector = CollectorApp.start(config, Clock.systemUTC());
        collectorUrl = "http://127.0.0.1:" + collector.httpPort();
    }

    @AfterAll
    static void stopCollector() {
        if (collector != null) {
            collector.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    @BeforeEach
    void kiosk() {
        deviceId = "IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        tool = newKiosk(dir.resolve("kiosk"));
        assertThat(tool.init(deviceId).exitCode()).isEqualTo(ExitCodes.OK);
    }

    private ToolRunner newKiosk(Path home) {
        return new ToolRunner(home).mqttUrl(brokerUrl).collectorUrl(collectorUrl).clock(Clock.systemUTC())
                .variable("KIOSK_TECHNICIAN_TOKEN", collector.adminToken());
    }

    private ToolRunner.Result run(String command, String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = command;
        args[1] = "--config";
        args[2] = tool.config().toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return tool.run(args);
    }

    private static Optional<JsonNode> device(String id) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(collectorUrl + "/api/devices/" + id)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? Optional.of(StrictJson.mapper().readTree(r.body())) : Optional.empty();
    }

    private String activeX(ToolRunner kiosk) throws IOException {
        return new DeviceKeyStore(kiosk.identityDir()).active().orElseThrow().keyPair().publicJwk().x();
    }

    @Test
    void enroll_registersPublicKeyWithCollector() throws Exception {
        ToolRunner.Result result = run("enroll");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Enrolled " + deviceId);
        JsonNode d = device(deviceId).orElseThrow();
        assertThat(d.path("kioskType").asText()).isEqualTo("recycling-box");
        assertThat(d.path("location").asText()).isEqualTo("Wuhan, Hongshan Rd 1");
        assertThat(d.path("keys").get(0).path("publicKey").path("x").asText()).isEqualTo(activeX(tool));
        assertThat(result.all()).doesNotContain(collector.adminToken());
    }

    @Test
    void enroll_again_sameKeyIsFine() {
        run("enroll");

        ToolRunner.Result again = run("enroll");

        assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("already enrolled").contains("nothing to do");
    }

    @Test
    void enroll_duplicateIdWithAnotherKey_explainedAsConflict() {
        run("enroll");
        ToolRunner other = newKiosk(dir.resolve("other-kiosk"));
        other.init(deviceId);

        ToolRunner.Result result = other.run("enroll", "--config", other.config().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(result.err()).contains("already has a device " + deviceId).contains("DIFFERENT key")
                .contains("check the label");
    }

    @Test
    void enroll_wrongToken_saysSoWithoutShowingIt() throws Exception {
        ToolRunner.Result result = run("enroll", "--token", "not-the-token-4711");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAUTHORISED);
        assertThat(result.err()).contains("refused the technician token").contains("401");
        assertThat(result.all()).doesNotContain("not-the-token-4711");
        assertThat(device(deviceId)).isEmpty();
    }

    @Test
    void enroll_collectorUnreachable_namesTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        ToolRunner.Result result = run("enroll", "--collector", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("cannot reach the collector at http://127.0.0.1:" + closedPort)
                .contains("connection refused").contains("tried 2 times");
    }

    @Test
    void enrollOffline_thenImport_registersTheSameKey() throws Exception {
        Path file = dir.resolve("usb/" + deviceId + ".enroll.json");

        ToolRunner.Result offline = run("enroll", "--offline", file.toString());
        ToolRunner operator = new ToolRunner(dir.resolve("office")).variable("KIOSK_TECHNICIAN_TOKEN", collector.adminToken());
        ToolRunner.Result imported = operator.run("import", file.toString(), "--collector", collectorUrl);

        assertThat(offline.exitCode()).as(offline.all()).isEqualTo(ExitCodes.OK);
        String content = Files.readString(file);
        assertThat(content).contains(activeX(tool)).doesNotContain("\"d\"").doesNotContain("password")
                .doesNotContain(ToolRunner.CARD_KEY_HEX);
        assertThat(imported.exitCode()).as(imported.all()).isEqualTo(ExitCodes.OK);
        assertThat(device(deviceId).orElseThrow().path("keys").get(0).path("publicKey").path("x").asText())
                .isEqualTo(activeX(tool));
        assertThat(operator.run("import", file.toString(), "--collector", collectorUrl).exitCode())
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void import_notAnEnrollmentFile_refused() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"deviceId\":\"WH-1\",\"kioskType\":\"recycling-box\"}");

        ToolRunner.Result result = tool.run("import", file.toString(), "--collector", collectorUrl);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(result.err()).contains("not a valid enrollment file");
    }

    @Test
    void rotateKey_registersThenActivatesNextVersion() throws Exception {
        run("enroll");
        String oldX = activeX(tool);

        ToolRunner.Result result = run("rotate-key");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        DeviceKeyStore.SigningKey active = new DeviceKeyStore(tool.identityDir()).active().orElseThrow();
        assertThat(active.keyVersion()).isEqualTo(2);
        JsonNode keys = device(deviceId).orElseThrow().path("keys");
        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).path("publicKey").path("x").asText()).isEqualTo(oldX);
        assertThat(keys.get(1).path("publicKey").path("x").asText()).isEqualTo(active.keyPair().publicJwk().x());
    }

    @Test
    void rotateKey_interruptedAfterRegistration_finishesWithTheSameKey() throws Exception {
        run("enroll");
        DeviceKeyStore store = new DeviceKeyStore(tool.identityDir());
        DeviceKeyStore.SigningKey pending = store.createPending();
        // the tool registered the pending key, then the connection (or the power) dropped
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(collectorUrl + "/api/devices/" + deviceId + "/keys"))
                .header("Authorization", "Bearer " + collector.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"publicKey\":" + pending.keyPair().publicJwk().toJsonString()
                        + ",\"keyVersion\":2}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);

        ToolRunner.Result result = run("rotate-key");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("interrupted rotation");
        assertThat(store.active().orElseThrow().keyPair().publicJwk()).isEqualTo(pending.keyPair().publicJwk());
        assertThat(store.pending()).isEmpty();
    }

    @Test
    void rotateKey_interruptedBeforeRegistration_registersThePendingKey() throws Exception {
        run("enroll");
        DeviceKeyStore store = new DeviceKeyStore(tool.identityDir());
        DeviceKeyStore.SigningKey pending = store.createPending();

        ToolRunner.Result result = run("rotate-key");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(store.active().orElseThrow().keyVersion()).isEqualTo(2);
        assertThat(device(deviceId).orElseThrow().path("keys").get(1).path("publicKey").path("x").asText())
                .isEqualTo(pending.keyPair().publicJwk().x());
    }

    @Test
    void rotateKey_collectorUnreachable_keepsOldKeyActiveAndPendingForRetry() throws IOException {
        run("enroll");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        ToolRunner.Result result = run("rotate-key", "--collector", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        DeviceKeyStore store = new DeviceKeyStore(tool.identityDir());
        assertThat(store.active().orElseThrow().keyVersion()).isEqualTo(1);
        assertThat(store.pending()).isPresent();
        assertThat(run("rotate-key").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(store.active().orElseThrow().keyVersion()).isEqualTo(2);
    }

    @Test
    void revoke_withoutConfirmationInScript_namesYesAndDoesNothing() throws Exception {
        run("enroll");

        ToolRunner.Result result = run("revoke");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--yes");
        assertThat(device(deviceId).orElseThrow().path("revoked").asBoolean()).isFalse();
    }

    @Test
    void revoke_technicianSaysNo_aborts() throws Exception {
        run("enroll");
        tool.prompter(new ScriptedPrompter().answers("n"));

        ToolRunner.Result result = run("revoke");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ABORTED);
        assertThat(device(deviceId).orElseThrow().path("revoked").asBoolean()).isFalse();
    }

    @Test
    void revoke_confirmed_collectorRejectsTheDeviceAndSelfTestShowsIt() throws Exception {
        run("enroll");

        ToolRunner.Result result = run("revoke", "--yes");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(device(deviceId).orElseThrow().path("revoked").asBoolean()).isTrue();
        tool.calibrate("--reference-grams", "1000");
        ToolRunner.Result selfTest = run("self-test", "--card-timeout-seconds", "2");
        assertThat(selfTest.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(selfTest.out()).containsPattern("collector +FAIL +.*REVOKED");
    }

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
                TamperEvent event = new TamperEvent(new Envelope(deviceId, seq, OffsetDateTime.now(), true, "1.0.0"));
                return new SignedEvent(event, SignedEventCodec.standard().sign(event, key.keyVersion(),
                        key.keyPair().privateKey()));
            }, false, Optional.empty()).orElseThrow();
            eventId = stored.eventId();
            publishAsTheAgent(stored.jws());
            await().until(() -> eventDecided(eventId));
            outbox.settle(eventId, "rejected", Optional.empty(), 0);
        }

        ToolRunner.Result result = run("self-test", "--card-timeout-seconds", "5");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).containsPattern("receipt +PASS +replayed " + eventId + ": receipt came back .*repeat");
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

    private void publishAsTheAgent(byte[] jws) throws Exception {
        MqttClient client = new MqttClient(brokerUrl, deviceId + "-agent", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(deviceId);
        options.setPassword("a-long-mqtt-password".toCharArray());
        client.connect(options);
        client.publish(Topics.event(deviceId), jws, 1, false);
        client.disconnect();
        client.close();
    }

    private static boolean eventDecided(String eventId) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(collectorUrl + "/api/events/" + eventId)).build(), HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200;
    }
}
