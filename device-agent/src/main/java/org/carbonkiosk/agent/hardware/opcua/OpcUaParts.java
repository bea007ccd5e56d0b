package org.carbonkiosk.agent.hardware.opcua;

import java.io.IOException;
import java.util.Optional;
import org.carbonkiosk.agent.hardware.BinSensor;
import org.carbonkiosk.agent.hardware.CardReader;
import org.carbonkiosk.agent.hardware.CoinLine;
import org.carbonkiosk.agent.hardware.DoorLock;
import org.carbonkiosk.agent.hardware.DoorSwitch;
import org.carbonkiosk.agent.hardware.PrizeSensor;
import org.carbonkiosk.agent.hardware.Scale;
import org.carbonkiosk.agent.hardware.gpio.Sleeper;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/** The kiosk's parts as nodes on a PLC's OPC UA server. */
public final class OpcUaParts {
    private OpcUaParts() {
    }

    /** Weight node (any number type) in {@code gramsPerUnit} (1 for grams, 1000 for kilograms). */
    public static Scale scale(OpcUaConnection ua, NodeId node, double gramsPerUnit) {
        return () -> (int) Math.round(OpcUaValues.number(ua.read(node), "weight node") * gramsPerUnit);
    }

    /** Boolean node: {@code unlockedValue} unlocks, its negation locks. */
    public static DoorLock doorLock(OpcUaConnection ua, NodeId node, boolean unlockedValue) {
        return new DoorLock() {
            @Override
            public void unlock() throws IOException {
                ua.write(node, unlockedValue);
            }

            @Override
            public void lock() throws IOException {
                ua.write(node, !unlockedValue);
            }
        };
    }

    /** Boolean (or integer) node, non-zero / {@code openValue} meaning open. */
    public static DoorSwitch doorSwitch(OpcUaConnection ua, NodeId node, boolean openValue) {
        return () -> OpcUaValues.bool(ua.read(node), "door switch node") == openValue;
    }

    /** A number node holding the fill percentage, or a boolean full switch (100 / 0). */
    public static BinSensor binSensor(OpcUaConnection ua, NodeId node) {
        return () -> {
            Object v = ua.read(node);
            if (v instanceof Boolean full) {
                return full ? 100 : 0;
            }
            return (int) Math.round(Math.max(0, Math.min(100, OpcUaValues.number(v, "bin fill node"))));
        };
    }

    /** Writes the number of plays to grant into an integer node (of whatever integer type it has). */
    public static CoinLine coinPlays(OpcUaConnection ua, NodeId node) {
        return plays -> {
            Object current = ua.read(node);
            ua.write(node, OpcUaValues.sameType(plays, current));
        };
    }

    /** Pulses a boolean node true/false once per play, like a coin switch. */
    public static CoinLine coinPulse(OpcUaConnection ua, NodeId node, long pulseMillis, long gapMillis, Sleeper sleeper) {
        return plays -> {
            for (int i = 0; i < plays; i++) {
                if (i > 0) {
                    sleeper.sleepMillis(gapMillis);
                }
                ua.write(node, true);
                try {
                    sleeper.sleepMillis(pulseMillis);
                } finally {
                    ua.write(node, false);
                }
            }
        };
    }

    /**
     * A prize counter node the PLC increments per prize; each increment is one poll's prize. The
     * slot comes from {@code slotNode} when configured, otherwise it is {@code defaultSlot}.
     */
    public static PrizeSensor prizeSensor(OpcUaConnection ua, NodeId counterNode, Optional<NodeId> slotNode,
                                          int defaultSlot) {
        return new PrizeSensor() {
            private Long seen;

            @Override
            public synchronized Optional<Integer> poll() throws IOException {
                long counter = (long) OpcUaValues.number(ua.read(counterNode), "prize counter node");
                if (seen == null || counter < seen) {
                    seen = counter; // first look, or the PLC restarted its counter
                    return Optional.empty();
                }
                if (counter == seen) {
                    return Optional.empty();
                }
                seen++;
                if (slotNode.isPresent()) {
                    return Optional.of((int) OpcUaValues.number(ua.read(slotNode.get()), "prize slot node"));
                }
                return Optional.of(defaultSlot);
            }
        };
    }

    /**
     * A UID node (ByteString, or hex String) the PLC fills when a card is tapped; the agent takes the
     * UID and clears the node (writes an empty value of the same type) as acknowledgement.
     */
    public static CardReader cardReader(OpcUaConnection ua, NodeId node) {
        return () -> {
            Object value = ua.read(node);
            byte[] uid = OpcUaValues.uid(value);
            if (uid.length == 0) {
                return Optional.empty();
            }
            ua.write(node, value instanceof String ? "" : ByteString.of(new byte[0]));
            return Optional.of(uid);
        };
    }
}
