package org.carbonkiosk.provisioning.init;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.carbonkiosk.agent.AgentConfig;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.agent.identity.FleetCardKeyFile;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.InitStep;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ScriptedPrompter;
import org.carbonkiosk.provisioning.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InitCommandTest {
    @TempDir
    Path dir;

    @Test
    void init_allFlags_writesKeyCardKeyAndConfigOwnerOnly() throws IOException {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.init("WH-HS-0001", "-H", "hardware.scale=hx711");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        Path key = tool.identityDir().resolve("device-key-1.pem");
        Path cardKey = tool.identityDir().resolve("card.key");
        for (Path secret : new Path[] {key, cardKey, tool.config()}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).as(secret.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(new FleetCardKeyFile(cardKey).read()).containsExactly(
                java.util.HexFormat.of().parseHex(ToolRunner.CARD_KEY_HEX));
        KioskConfig config = KioskConfig.load(tool.config(), Map.of());
        assertThat(config.deviceId()).isEqualTo("WH-HS-0001");
        assertThat(config.kioskType()).isEqualTo("recycling-box");
        assertThat(config.identityDir()).isEqualTo(tool.identityDir());
        assertThat(config.mqttUsername()).isEqualTo("WH-HS-0001");
        assertThat(config.mqttPassword()).contains("a-long-mqtt-password");
        assertThat(config.hardwareType()).isEqualTo("simulated");
        assertThat(config.source().string("hardware.scale")).isEqualTo("hx711");
        assertThat(config.location()).contains("Wuhan, Hongshan Rd 1");
        assertThat(tool.identityDir().resolve(KioskInitializer.MARKER)).doesNotExist();
        String publicX = new DeviceKeyStore(tool.identityDir()).active().orElseThrow().keyPair().publicJwk().x();
        assertThat(result.out()).contains(publicX);
    }

    @Test
    void init_owner_givesSecretsAndFoldersToTheAgentsUser() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "only root can give files away");
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.init("WH-HS-0001", "--owner", "nobody");

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        for (Path p : new Path[] {tool.config(), tool.identityDir(), tool.dataDir(),
            tool.identityDir().resolve("card.key"), tool.identityDir().resolve("device-key-1.pem")}) {
            assertThat(Files.getOwner(p).getName()).as(p.toString()).isEqualTo("nobody");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tool.config()))).isEqualTo("rw-------");
    }

    @Test
    void init_unknownOwner_refusedBeforeWriting() {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.init("WH-HS-0001", "--owner", "no-such-user-4711");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--owner no-such-user-4711");
        assertThat(tool.config()).doesNotExist();
    }

    @Test
    void init_writesAConfigurationTheAgentAccepts() {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001", "-H", "hardware.scale.type=hx711");

        AgentConfig agent = AgentConfig.from(ConfigSource.load(tool.config(), Map.of()));

        assertThat(agent.deviceId()).isEqualTo("WH-HS-0001");
        assertThat(agent.claw()).isFalse();
        assertThat(agent.identityDir()).isEqualTo(tool.identityDir());
        assertThat(agent.dataDir()).isEqualTo(tool.dataDir());
        assertThat(agent.hardwareType()).isEqualTo("simulated");
        assertThat(agent.mqtt().url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(agent.mqtt().username()).contains("WH-HS-0001");
        assertThat(agent.mqtt().password()).contains("a-long-mqtt-password");
    }

    @Test
    void init_neverPrintsPrivateKeyOrSecrets() throws IOException {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.init("WH-HS-0001");

        byte[] privateKey = new DeviceKeyStore(tool.identityDir()).active().orElseThrow().keyPair().privateKey();
        assertThat(result.all()).doesNotContain(java.util.HexFormat.of().formatHex(privateKey))
                .doesNotContain(org.carbonkiosk.protocol.jws.Base64Url.encode(privateKey))
                .doesNotContain(ToolRunner.CARD_KEY_HEX).doesNotContain("a-long-mqtt-password");
    }

    @Test
    void init_existingIdentityWithoutForce_refusesAndChangesNothing() throws IOException {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");
        byte[] keyBefore = Files.readAllBytes(tool.identityDir().resolve("device-key-1.pem"));
        byte[] configBefore = Files.readAllBytes(tool.config());

        ToolRunner.Result again = tool.init("WH-HS-0002");

        assertThat(again.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(again.err()).contains("already initialised").contains("--force");
        assertThat(Files.readAllBytes(tool.identityDir().resolve("device-key-1.pem"))).isEqualTo(keyBefore);
        assertThat(Files.readAllBytes(tool.config())).isEqualTo(configBefore);
    }

    @Test
    void init_interactiveTypo_explainedAndAskedAgain() {
        ScriptedPrompter technician = new ScriptedPrompter().answers("wh-hs-0001", "WH-HS-0001", "recycling-box",
                new ToolRunner(dir).identityDir().toString(), "http://broker", "tcp://broker:1883", "", "", "simulated",
                ToolRunner.CARD_KEY_HEX, "", "");
        ToolRunner tool = new ToolRunner(dir).prompter(technician);

        ToolRunner.Result result = tool.run("init", "--config", tool.config().toString(), "--data-dir",
                tool.dataDir().toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("did you mean WH-HS-0001").contains("--mqtt-url must look like");
        assertThat(KioskConfig.load(tool.config(), Map.of()).mqttUrl()).isEqualTo("tcp://broker:1883");
    }

    @Test
    void init_interactiveOnInitialisedKiosk_refusesBeforeAskingForSecrets() {
        new ToolRunner(dir).init("WH-HS-0001");
        ScriptedPrompter technician = new ScriptedPrompter().answers("WH-HS-0001", "recycling-box",
                new ToolRunner(dir).identityDir().toString());
        ToolRunner tool = new ToolRunner(dir).prompter(technician);

        ToolRunner.Result result = tool.run("init", "--config", tool.config().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
        assertThat(technician.asked()).hasSize(3);
    }

    @Test
    void init_force_replacesIdentityAndKeepsOldFilesAside() throws IOException {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");
        byte[] oldKey = Files.readAllBytes(tool.identityDir().resolve("device-key-1.pem"));

        ToolRunner.Result again = tool.init("WH-HS-0002", "--force");

        assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllBytes(tool.identityDir().resolve("device-key-1.pem"))).isNotEqualTo(oldKey);
        assertThat(KioskConfig.load(tool.config(), Map.of()).deviceId()).isEqualTo("WH-HS-0002");
        try (Stream<Path> files = Files.walk(tool.identityDir())) {
            assertThat(files.filter(p -> p.toString().contains("replaced-") && p.endsWith("device-key-1.pem")))
                    .singleElement().satisfies(p -> assertThat(Files.readAllBytes(p)).isEqualTo(oldKey));
        }
        try (Stream<Path> files = Files.list(tool.config().getParent())) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("agent.properties.replaced-"))).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(value = InitStep.class, names = {"MARKER_WRITTEN", "OLD_CONFIG_SET_ASIDE", "OLD_IDENTITY_SET_ASIDE",
        "CARD_KEY_WRITTEN", "DEVICE_KEY_WRITTEN"})
    void init_crashBeforeConfig_leavesKioskUnconfiguredAndRerunFinishes(InitStep crashAt) throws IOException {
        ToolRunner crashing = new ToolRunner(dir).observer(step -> {
            if (step == crashAt) {
                throw new IllegalStateException("power cut at " + step);
            }
        });

        ToolRunner.Result crashed = crashing.init("WH-HS-0001");

        assertThat(crashed.exitCode()).isNotEqualTo(ExitCodes.OK);
        assertThat(crashing.config()).as("no agent.properties: the agent does not start half-configured").doesNotExist();
        ToolRunner tool = new ToolRunner(dir);
        ToolRunner.Result rerun = tool.init("WH-HS-0001");
        assertThat(rerun.exitCode()).as(rerun.all()).isEqualTo(ExitCodes.OK);
        assertThat(KioskConfig.load(tool.config(), Map.of()).deviceId()).isEqualTo("WH-HS-0001");
        assertThat(new DeviceKeyStore(tool.identityDir()).active()).isPresent();
        assertThat(new FleetCardKeyFile(tool.identityDir().resolve("card.key")).read()).hasSize(32);
        assertThat(tool.identityDir().resolve(KioskInitializer.MARKER)).doesNotExist();
    }

    @Test
    void init_crashDuringForcedReinit_neverLeavesOldConfigWithNewKey() throws IOException {
        ToolRunner tool = new ToolRunner(dir);
        tool.init("WH-HS-0001");
        ToolRunner crashing = new ToolRunner(dir).observer(step -> {
            if (step == InitStep.DEVICE_KEY_WRITTEN) {
                throw new IllegalStateException("power cut");
            }
        });

        crashing.init("WH-HS-0001", "--force");

        assertThat(tool.config()).doesNotExist();
        assertThat(new ToolRunner(dir).init("WH-HS-0001").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void init_crashAfterConfigWritten_isInitialisedAndNeedsForce() throws IOException {
        ToolRunner crashing = new ToolRunner(dir).observer(step -> {
            if (step == InitStep.CONFIG_WRITTEN) {
                throw new IllegalStateException("power cut");
            }
        });
        crashing.init("WH-HS-0001");
        assertThat(crashing.config()).exists();

        ToolRunner.Result again = new ToolRunner(dir).init("WH-HS-0001");

        assertThat(again.exitCode()).isEqualTo(ExitCodes.LOCAL_STATE);
    }

    @Test
    void init_noTerminalAndMissingValue_namesTheFlag() {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.run("init", "--config", tool.config().toString(), "--device-id", "WH-HS-0001");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--kiosk-type");
        assertThat(tool.config()).doesNotExist();
    }

    @Test
    void init_invalidDeviceId_refusedWithHint() {
        ToolRunner.Result result = new ToolRunner(dir).init("wh-hs-0001");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--device-id").contains("did you mean WH-HS-0001");
    }

    @Test
    void init_cardKeyOfWrongLength_refused() {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result result = tool.run("init", "--config", tool.config().toString(), "--device-id", "WH-HS-0001",
                "--kiosk-type", "claw-kiosk", "--identity-dir", tool.identityDir().toString(), "--data-dir",
                tool.dataDir().toString(), "--mqtt-url", "tcp://localhost:1883", "--generate-mqtt-password",
                "--hardware-type", "simulated", "--card-key-hex", "0011");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("32 bytes");
        assertThat(tool.identityDir()).doesNotExist();
    }

    @Test
    void init_badMqttUrlOrMissingCaFile_refusedBeforeWriting() {
        ToolRunner tool = new ToolRunner(dir);

        ToolRunner.Result badUrl = tool.init("WH-HS-0001", "--mqtt-url", "http://broker");
        ToolRunner.Result missingCa = tool.init("WH-HS-0001", "--mqtt-ca-file", dir.resolve("nope.pem").toString());

        assertThat(badUrl.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badUrl.err()).contains("--mqtt-url");
        assertThat(missingCa.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missingCa.err()).contains("--mqtt-ca-file");
        assertThat(tool.config()).doesNotExist();
    }

    @Test
    void init_interactive_asksForEveryMissingValue() {
        ScriptedPrompter technician = new ScriptedPrompter().answers("WH-HS-0009", "claw-kiosk",
                new ToolRunner(dir).identityDir().toString(), "tcp://broker.example:1883", "", "",
                "pi", "nau7802", "", "", ToolRunner.CARD_KEY_HEX, "http://collector.example:8080", "Market square");
        ToolRunner tool = new ToolRunner(dir).prompter(technician);

        ToolRunner.Result result = tool.run("init", "--config", tool.config().toString(), "--data-dir",
                tool.dataDir().toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        KioskConfig config = KioskConfig.load(tool.config(), Map.of());
        assertThat(config.deviceId()).isEqualTo("WH-HS-0009");
        assertThat(config.kioskType()).isEqualTo("claw-kiosk");
        assertThat(config.hardwareType()).isEqualTo("pi");
        assertThat(config.source().string("hardware.scale.type")).isEqualTo("nau7802");
        assertThat(config.source().string("hardware.cardReader.type")).isEqualTo("mfrc522");
        assertThat(config.source().string("hardware.io.type")).isEqualTo("gpio");
        assertThat(config.mqttUsername()).isEqualTo("WH-HS-0009");
        assertThat(config.mqttPassword()).hasValueSatisfying(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(20));
        assertThat(config.collectorUrl()).contains("http://collector.example:8080");
    }
}
