package org.carbonkiosk.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** enroll and import against a running collector: success, idempotency, 409, 401, unreachable, offline files. */
@Tag("machine-services")
class EnrollIT extends CollectorTestBase {

    @Test
    void enroll_registersPublicKeyWithCollector() throws Exception {
        ToolRunner.Result result = run("enroll");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("Enrolled " + deviceId);
        JsonNode d = device(deviceId).orElseThrow();
        assertThat(d.path("kioskType").asText()).isEqualTo("recycling-box");
        assertThat(d.path("scaleMode").asText()).isEqualTo("bin");
        assertThat(d.path("location").asText()).isEqualTo("Wuhan, Hongshan Rd 1");
        assertThat(d.path("keys").get(0).path("publicKey").path("x").asText()).isEqualTo(activeX(tool));
        assertThat(result.all()).doesNotContain(collector.adminToken());
    }

    @Test
    void enroll_scaleModeTray_registeredWithTheDevice() throws Exception {
        String trayId = deviceId + "-T";
        ToolRunner tray = newKiosk(dir.resolve("tray-kiosk"));
        assertThat(tray.init(trayId, "--scale-mode", "tray").exitCode()).isEqualTo(ExitCodes.OK);

        ToolRunner.Result result = tray.run("enroll", "--config", tray.config().toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(device(trayId).orElseThrow().path("scaleMode").asText()).isEqualTo("tray");
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
        int closedPort = closedPort();

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
}
