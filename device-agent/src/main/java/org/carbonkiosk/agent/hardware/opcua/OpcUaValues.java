package org.carbonkiosk.agent.hardware.opcua;

import java.io.IOException;
import org.eclipse.milo.opcua.stack.core.types.builtin.ByteString;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UByte;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UInteger;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.ULong;
import org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.UShort;

/** Conversions between PLC node values and the agent's numbers (OPC UA writes must match the node's type). */
final class OpcUaValues {
    private OpcUaValues() {
    }

    static double number(Object value, String what) throws IOException {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        throw new IOException(what + ": expected a number, node holds " + typeOf(value));
    }

    static boolean bool(Object value, String what) throws IOException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            return n.longValue() != 0;
        }
        throw new IOException(what + ": expected a boolean, node holds " + typeOf(value));
    }

    /** {@code n} boxed as the same type as {@code current} (Int16, UInt32, Double, ...). */
    static Object sameType(long n, Object current) {
        if (current instanceof Short) {
            return (short) n;
        }
        if (current instanceof Long) {
            return n;
        }
        if (current instanceof Byte) {
            return (byte) n;
        }
        if (current instanceof UByte) {
            return UByte.valueOf(n);
        }
        if (current instanceof UShort) {
            return UShort.valueOf((int) n);
        }
        if (current instanceof UInteger) {
            return UInteger.valueOf(n);
        }
        if (current instanceof ULong) {
            return ULong.valueOf(n);
        }
        if (current instanceof Double) {
            return (double) n;
        }
        if (current instanceof Float) {
            return (float) n;
        }
        return (int) n;
    }

    /** A UID from a ByteString or a hex String node; empty array for none. */
    static byte[] uid(Object value) throws IOException {
        if (value == null) {
            return new byte[0];
        }
        if (value instanceof ByteString b) {
            return b.isNull() ? new byte[0] : b.bytesOrEmpty();
        }
        if (value instanceof String s) {
            try {
                return java.util.HexFormat.of().parseHex(s.strip());
            } catch (IllegalArgumentException e) {
                throw new IOException("card UID node: not a hex string");
            }
        }
        throw new IOException("card UID node: expected ByteString or String, node holds " + typeOf(value));
    }

    private static String typeOf(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName();
    }
}
