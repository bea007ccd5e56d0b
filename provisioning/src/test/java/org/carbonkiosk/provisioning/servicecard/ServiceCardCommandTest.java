package org.carbonkiosk.provisioning.servicecard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import org.carbonkiosk.agent.AgentConfig;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.protocol.CardToken;
import org.carbonkiosk.protocol.ScaleMode;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.KioskConfig;
import org.carbonkiosk.provisioning.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service card role, set at provisioning: a tapped card's token (never its UID) in identity.dir/service-cards. */
class ServiceCardCommandTest {
    private static final byte[] HAULER = HexFormat.of().parseHex("04cafe0102");
    private static final byte[] FLEET_KEY = HexFormat.of().parseHex(ToolRunner.CARD_KEY_HEX);
    @TempDir
    Path dir;

    private ToolRunner initialised(String... initFlags) {
        ToolRunner tool = new ToolRunner(dir);
        assertThat(tool.init("WH-HS-0001", initFlags).exitCode()).isEqualTo(ExitCodes.OK);
        tool.hardware().setActsForTechnician(false);
        return tool;
    }

    private ToolRunner.Result serviceCard(ToolRunner tool, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("service-card", "--config",
                tool.config().toString(), "--card-timeout-seconds", "1"));
        args.addAll(java.util.List.of(extra));
        return tool.run(args.toArray(new String[0]));
    }

    private Path file(ToolRunner tool) {
        return ServiceCardsFile.in(tool.identityDir()).path();
    }

    @Test
    void serviceCard_tapped_itsTokenIsWrittenOwnerOnlyForTheAgentToRead() throws Exception {
        ToolRunner tool = initialised();
        tool.hardware().tap(HAULER);

        ToolRunner.Result result = serviceCard(tool);

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OK);
        String token = CardToken.of(FLEET_KEY, HAULER);
        AgentConfig agent = AgentConfig.from(ConfigSource.load(tool.config(), Map.of()));
        assertThat(new ServiceCardsFile(agent.serviceCardsFile()).read()).containsExactly(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file(tool)))).isEqualTo("rw-------");
        assertThat(Files.readString(file(tool))).doesNotContain(HexFormat.of().formatHex(HAULER));
        assertThat(result.all()).contains(token.substring(0, 8)).doesNotContain(token)
                .doesNotContain(HexFormat.of().formatHex(HAULER)).contains("restart");
    }

    @Test
    void serviceCard_sameCardTwice_keptOnce() throws Exception {
        ToolRunner tool = initialised();
        tool.hardware().tap(HAULER);
        serviceCard(tool);
        tool.hardware().tap(HAULER);

        ToolRunner.Result again = serviceCard(tool);

        assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("already a service card");
        assertThat(new ServiceCardsFile(file(tool)).read()).hasSize(1);
    }

    @Test
    void serviceCard_listThenRemove_showsPrefixesAndTakesTheRoleAway() throws Exception {
        ToolRunner tool = initialised();
        tool.hardware().tap(HAULER);
        serviceCard(tool);

        ToolRunner.Result list = serviceCard(tool, "--list");
        tool.hardware().tap(HAULER);
        ToolRunner.Result removed = serviceCard(tool, "--remove");

        assertThat(list.out()).contains("WH-HS-0001 has 1 service card.", CardToken.of(FLEET_KEY, HAULER).substring(0, 8));
        assertThat(removed.exitCode()).as(removed.all()).isEqualTo(ExitCodes.OK);
        assertThat(new ServiceCardsFile(file(tool)).read()).isEmpty();
    }

    @Test
    void serviceCard_noTap_hardwareErrorAndNothingWritten() {
        ToolRunner tool = initialised();

        ToolRunner.Result result = serviceCard(tool);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.HARDWARE);
        assertThat(result.err()).contains("no card read");
        assertThat(file(tool)).doesNotExist();
    }

    @Test
    void serviceCard_trayKiosk_writtenWithANoteThatTheAgentIgnoresIt() throws Exception {
        ToolRunner tool = initialised("--scale-mode", "tray");
        tool.hardware().tap(HAULER);

        ToolRunner.Result result = serviceCard(tool);

        assertThat(KioskConfig.load(tool.config(), Map.of()).scaleMode()).isEqualTo(ScaleMode.TRAY);
        assertThat(result.out()).contains("scale.mode=tray");
        assertThat(new ServiceCardsFile(file(tool)).read()).hasSize(1);
    }

    @Test
    void init_scaleMode_byKioskTypeUnlessGivenAndABadOneNamesTheFlag() {
        ToolRunner box = initialised();
        assertThat(KioskConfig.load(box.config(), Map.of()).source().string(KioskConfig.SCALE_MODE)).isEqualTo("bin");

        ToolRunner.Result bad = new ToolRunner(dir.resolve("other")).init("WH-HS-0002", "--scale-mode", "pallet");

        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--scale-mode");
    }
}
