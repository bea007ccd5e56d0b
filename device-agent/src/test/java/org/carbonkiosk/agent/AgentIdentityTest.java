package org.carbonkiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Set;
import org.carbonkiosk.agent.hardware.sim.SimulatedKiosk;
import org.carbonkiosk.agent.identity.ServiceCardsFile;
import org.carbonkiosk.agent.support.RecordingDisplay;
import org.carbonkiosk.agent.support.TestKiosks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent refuses secrets readable by others, and an unprovisioned kiosk. */
class AgentIdentityTest {
    @TempDir
    Path dir;

    private AgentApp start(TestKiosks.Provisioned p) {
        return AgentApp.start(TestKiosks.config(TestKiosks.fastProperties("UT-ID-0001", p, "tcp://127.0.0.1:9")),
                new SimulatedKiosk(0).hardware(false), new RecordingDisplay(), Clock.systemUTC());
    }

    @Test
    void start_deviceKeyMode0644_refused() throws Exception {
        TestKiosks.Provisioned p = TestKiosks.provision(dir);
        Files.setPosixFilePermissions(p.identityDir().resolve("device-key-1.pem"),
                PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> start(p)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("device-key-1.pem").hasMessageContaining("chmod 600");
        assertThat(p.dataDir().resolve("outbox.db")).doesNotExist();
    }

    @Test
    void start_cardKeyMode0644_refused() throws Exception {
        TestKiosks.Provisioned p = TestKiosks.provision(dir);
        Files.setPosixFilePermissions(p.identityDir().resolve("card.key"), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> start(p)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("card.key");
    }

    @Test
    void start_serviceCardsMode0644_refused() throws Exception {
        TestKiosks.Provisioned p = TestKiosks.provision(dir);
        ServiceCardsFile cards = new ServiceCardsFile(p.identityDir().resolve("service-cards"));
        cards.write(Set.of("e".repeat(64)));
        Files.setPosixFilePermissions(cards.path(), PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> start(p)).isInstanceOf(UncheckedIOException.class).hasMessageContaining("service-cards");
    }

    @Test
    void start_serviceCardsLineNotAToken_refusedNamingTheLine() throws Exception {
        TestKiosks.Provisioned p = TestKiosks.provision(dir);
        ServiceCardsFile cards = new ServiceCardsFile(p.identityDir().resolve("service-cards"));
        cards.write(Set.of("e".repeat(64)));
        Files.writeString(cards.path(), "04a1b2c3\n", java.nio.file.StandardOpenOption.APPEND);

        assertThatThrownBy(() -> start(p)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("service-cards line 2");
    }

    @Test
    void serviceCards_writtenThenRead_sameTokensOwnerOnlyAndNoFileMeansNone() throws Exception {
        ServiceCardsFile cards = new ServiceCardsFile(dir.resolve("service-cards"));
        assertThat(cards.read()).isEmpty();

        cards.write(Set.of("e".repeat(64), "f".repeat(64)));

        assertThat(cards.read()).containsExactlyInAnyOrder("e".repeat(64), "f".repeat(64));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cards.path()))).isEqualTo("rw-------");
    }

    @Test
    void start_noDeviceKey_refusedWithProvisioningHint() throws Exception {
        TestKiosks.Provisioned p = TestKiosks.provision(dir);
        Files.delete(p.identityDir().resolve("device-key-1.pem"));

        assertThatThrownBy(() -> start(p)).hasMessageContaining("provision");
    }

    @Test
    void start_keysOwnerOnly_starts() throws Exception {
        TestKiosks.Provisioned p = TestKiosks.provision(dir);

        try (AgentApp app = start(p)) {
            assertThat(app.outboxDepth()).isZero();
        }
    }
}
