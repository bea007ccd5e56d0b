package org.carbonkiosk.provisioning.enroll;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.client.EnrollmentRequest;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollOfflineTest {
    @TempDir
    Path dir;

    @Test
    void enrollOffline_writesSection6BodyWithPublicKeyOnly() throws IOException {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");
        Path file = dir.resolve("WH-HS-0001.json");

        ToolRunner.Result result = tool.run("enroll", "--config", tool.config().toString(), "--offline", file.toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        EnrollmentRequest request = EnrollmentRequest.parse(Files.readAllBytes(file)).value();
        DeviceKeyStore.SigningKey key = new DeviceKeyStore(tool.identityDir()).active().orElseThrow();
        assertThat(request).isEqualTo(new EnrollmentRequest("WH-HS-0001", "recycling-box",
                key.keyPair().publicJwk(), 1, "Wuhan, Hongshan Rd 1", org.carbonkiosk.protocol.ScaleMode.BIN));
        assertThat(Files.readString(file)).startsWith("{\"deviceId\":\"WH-HS-0001\",\"kioskType\":\"recycling-box\","
                + "\"publicKey\":{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"" + key.keyPair().publicJwk().x() + "\"},"
                + "\"keyVersion\":1,\"location\":");
    }

    @Test
    void parse_jwkWithPrivatePart_refused() {
        String json = "{\"deviceId\":\"WH-HS-0001\",\"kioskType\":\"recycling-box\",\"publicKey\":{\"kty\":\"OKP\","
                + "\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"},"
                + "\"keyVersion\":1,\"location\":\"x\"}";

        DecodeResult<EnrollmentRequest> parsed = EnrollmentRequest.parse(json.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.isOk()).isFalse();
    }

    @Test
    void enroll_deviceKeyReadableByOthers_refusedWithChmodHint() throws IOException {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");
        Path key = tool.identityDir().resolve("device-key-1.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        ToolRunner.Result result = tool.run("enroll", "--config", tool.config().toString(), "--offline",
                dir.resolve("e.json").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(result.err()).contains("chmod 600");
    }

    @Test
    void enroll_noTerminalNoToken_namesFlagAndVariable() {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");

        ToolRunner.Result result = tool.run("enroll", "--config", tool.config().toString(), "--collector",
                "http://127.0.0.1:9");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--token").contains("KIOSK_TECHNICIAN_TOKEN");
    }

    @Test
    void enroll_badCollectorUrl_namesTheFlag() {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");

        ToolRunner.Result result = tool.run("enroll", "--config", tool.config().toString(), "--collector",
                "collector:8080", "--token", "t0ken");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--collector").contains("http://");
    }
}
