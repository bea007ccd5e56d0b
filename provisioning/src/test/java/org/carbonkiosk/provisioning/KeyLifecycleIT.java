package org.carbonkiosk.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** rotate-key (and its interruptions) and revoke against a running collector. */
@Tag("machine-services")
class KeyLifecycleIT extends CollectorTestBase {

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
        int closedPort = closedPort();

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
    void revoke_fromTheOfficeWithoutKioskConfiguration_revokesById() throws Exception {
        run("enroll");
        ToolRunner office = new ToolRunner(dir.resolve("office")).variable("KIOSK_TECHNICIAN_TOKEN", collector.adminToken());

        ToolRunner.Result result = office.run("revoke", "--config", office.config().toString(), "--device-id", deviceId,
                "--collector", collectorUrl, "--yes");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(device(deviceId).orElseThrow().path("revoked").asBoolean()).isTrue();
    }
}
