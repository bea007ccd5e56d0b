package org.carbonkiosk.agent.hardware.opcua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carbonkiosk.agent.hardware.CoinLine;
import org.carbonkiosk.agent.hardware.PrizeSensor;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OPC UA parts against a Milo server started by the test. */
class OpcUaPartsTest {
    private static TestPlcServer plc;
    private static OpcUaConnection ua;

    @BeforeAll
    static void start() throws Exception {
        plc = TestPlcServer.start(Map.of(
                "Kiosk/Weight", 1234.4,
                "Kiosk/WeightKg", 1.5,
                "Kiosk/DoorLock", false,
                "Kiosk/DoorOpen", false,
                "Kiosk/BinFill", 37.0,
                "Kiosk/Plays", (short) 0,
                "Kiosk/Coin", false,
                "Kiosk/PrizeCount", 10,
                "Kiosk/PrizeSlot", 4,
                "Kiosk/CardUid", ByteString.of(new byte[0])));
        ua = new OpcUaConnection(plc.endpointUrl(), 5_000);
    }

    @AfterAll
    static void stop() throws Exception {
        ua.close();
        plc.close();
    }

    private static NodeId node(String name) {
        return NodeId.parse(plc.nodeId(name));
    }

    @Test
    void scale_readsWeightNodeInGramsOrKilograms() throws IOException {
        assertThat(OpcUaParts.scale(ua, node("Kiosk/Weight"), 1).readGrams()).isEqualTo(1234);
        assertThat(OpcUaParts.scale(ua, node("Kiosk/WeightKg"), 1000).readGrams()).isEqualTo(1500);
    }

    @Test
    void doorLock_writesTheBooleanNode() throws IOException {
        var lock = OpcUaParts.doorLock(ua, node("Kiosk/DoorLock"), true);

        lock.unlock();
        assertThat(plc.value("Kiosk/DoorLock")).isEqualTo(true);
        lock.lock();
        assertThat(plc.value("Kiosk/DoorLock")).isEqualTo(false);
    }

    @Test
    void doorSwitchAndBin_readNodes() throws IOException {
        plc.set("Kiosk/DoorOpen", true);

        assertThat(OpcUaParts.doorSwitch(ua, node("Kiosk/DoorOpen"), true).isOpen()).isTrue();
        assertThat(OpcUaParts.binSensor(ua, node("Kiosk/BinFill")).fillPercent()).isEqualTo(37);
    }

    @Test
    void coinPlays_writesPlaysInTheNodesOwnIntegerType() throws IOException {
        OpcUaParts.coinPlays(ua, node("Kiosk/Plays")).grantPlays(3);

        assertThat(plc.value("Kiosk/Plays")).isEqualTo((short) 3);
    }

    @Test
    void coinPulse_pulsesTheBooleanOncePerPlay() throws IOException {
        List<Object> seen = new ArrayList<>();
        CoinLine coin = OpcUaParts.coinPulse(ua, node("Kiosk/Coin"), 50, 50, nanos -> seen.add(plc.value("Kiosk/Coin")));

        coin.grantPlays(2);

        assertThat(seen).containsExactly(true, false, true); // high during each pulse, low in the gap
        assertThat(plc.value("Kiosk/Coin")).isEqualTo(false);
    }

    @Test
    void prizeSensor_eachCounterIncrementIsOnePrize() throws IOException {
        PrizeSensor prize = OpcUaParts.prizeSensor(ua, node("Kiosk/PrizeCount"), Optional.of(node("Kiosk/PrizeSlot")), 1);
        assertThat(prize.poll()).isEmpty(); // baseline

        plc.set("Kiosk/PrizeCount", 12);

        assertThat(prize.poll()).contains(4);
        assertThat(prize.poll()).contains(4);
        assertThat(prize.poll()).isEmpty();
    }

    @Test
    void cardReader_takesTheUidAndClearsTheNode() throws IOException {
        byte[] uid = HexFormat.of().parseHex("04A1B2C3D4E5F6");
        var reader = OpcUaParts.cardReader(ua, node("Kiosk/CardUid"));
        assertThat(reader.poll()).isEmpty();

        plc.set("Kiosk/CardUid", ByteString.of(uid));

        assertThat(reader.poll()).hasValueSatisfying(u -> assertThat(u).containsExactly(uid));
        assertThat(reader.poll()).isEmpty();
    }

    @Test
    void read_unknownNode_isAnIOException() {
        assertThatThrownBy(() -> ua.read(NodeId.parse("ns=" + plc.namespaceIndex() + ";s=Nope")))
                .isInstanceOf(IOException.class);
    }

    @Test
    void connection_plcRestarts_readFailsThenReconnects() throws Exception {
        TestPlcServer other = TestPlcServer.start(Map.of("W", 5.0));
        int port = other.port();
        try (OpcUaConnection conn = new OpcUaConnection(other.endpointUrl(), 3_000)) {
            NodeId w = NodeId.parse(other.nodeId("W"));
            assertThat(conn.read(w)).isEqualTo(5.0);

            other.close();
            assertThatThrownBy(() -> conn.read(w)).isInstanceOf(IOException.class);

            other = TestPlcServer.restart(Map.of("W", 6.0), port);
            assertThat(conn.read(w)).isEqualTo(6.0);
        } finally {
            other.close();
        }
    }
}
