package org.carbonkiosk.agent.hardware.mfrc522;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiMode;
import java.io.IOException;
import java.util.HexFormat;
import org.carbonkiosk.agent.hardware.gpio.MockPi4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Mfrc522CardReaderTest {
    private static final byte[] UID4 = HexFormat.of().parseHex("DEADBEEF");
    private static final byte[] UID7 = HexFormat.of().parseHex("04A1B2C3D4E5F6");
    private static final byte[] UID10 = HexFormat.of().parseHex("0811223344556677889A");
    private final Mfrc522Model chip = new Mfrc522Model();
    private final Context pi4j = MockPi4j.context(new ModelSpiProvider(chip));
    private final Mfrc522CardReader reader = new Mfrc522CardReader(new Mfrc522(spi(), nanos -> { }), 2);

    private Spi spi() {
        return pi4j.create(Spi.newConfigBuilder(pi4j).id("mfrc522").bus(SpiBus.BUS_0).channel(0)
                .mode(SpiMode.MODE_0).baud(1_000_000).build());
    }

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void poll_noCard_emptyAndChipInitialised() throws IOException {
        assertThat(reader.poll()).isEmpty();
        assertThat(chip.softResets).isEqualTo(1);
        assertThat(chip.antennaOn()).isTrue();
    }

    @Test
    void poll_fourByteUid_readOnceThenHalted() throws IOException {
        chip.placeCard(UID4);

        assertThat(reader.poll()).hasValueSatisfying(uid -> assertThat(uid).containsExactly(UID4));
        assertThat(chip.halts).isEqualTo(1);
    }

    @Test
    void poll_sevenByteUid_cascadeLevelTwo() throws IOException {
        chip.placeCard(UID7);

        assertThat(reader.poll()).hasValueSatisfying(uid -> assertThat(uid).containsExactly(UID7));
    }

    @Test
    void poll_tenByteUid_cascadeLevelThree() throws IOException {
        chip.placeCard(UID10);

        assertThat(reader.poll()).hasValueSatisfying(uid -> assertThat(uid).containsExactly(UID10));
    }

    @Test
    void poll_cardStaysOnReader_oneTapUntilItLeaves() throws IOException {
        chip.placeCard(UID4);
        assertThat(reader.poll()).isPresent();

        assertThat(reader.poll()).isEmpty();
        assertThat(reader.poll()).isEmpty();

        chip.removeCard();
        assertThat(reader.poll()).isEmpty();
        assertThat(reader.poll()).isEmpty();
        chip.placeCard(UID4);
        assertThat(reader.poll()).hasValueSatisfying(uid -> assertThat(uid).containsExactly(UID4));
    }

    @Test
    void poll_cardLiftedForOnePollOnly_stillTheSameTap() throws IOException {
        chip.placeCard(UID4);
        assertThat(reader.poll()).isPresent();
        chip.removeCard();
        assertThat(reader.poll()).isEmpty();
        chip.placeCard(UID4);

        assertThat(reader.poll()).isEmpty();
    }

    @Test
    void poll_otherCardAfterFirst_reported() throws IOException {
        chip.placeCard(UID4);
        reader.poll();
        chip.placeCard(UID7);

        assertThat(reader.poll()).hasValueSatisfying(uid -> assertThat(uid).containsExactly(UID7));
    }

    @Test
    void poll_badBcc_ignored() throws IOException {
        chip.placeCard(UID4);
        chip.corruptBcc = true;

        assertThat(reader.poll()).isEmpty();
    }

    @Test
    void poll_twoCardsCollide_ignored() throws IOException {
        chip.placeCard(UID4);
        chip.twoCards = true;

        assertThat(reader.poll()).isEmpty();
    }

    @Test
    void crcA_knownVectors() {
        assertThat(Iso14443a.crcA(new byte[] {0x00, 0x00}, 2)).containsExactly(0xA0, 0x1E);
        assertThat(Iso14443a.withCrc((byte) 0x50, (byte) 0x00)).containsExactly(0x50, 0x00, 0x57, 0xCD);
    }
}
