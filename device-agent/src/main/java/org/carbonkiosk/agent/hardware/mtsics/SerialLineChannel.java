package org.carbonkiosk.agent.hardware.mtsics;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A {@link LineChannel} on a serial port through jSerialComm (8 data bits, no parity, 1 stop bit).
 * The port is opened on first use and opened again after a failure, so a terminal plugged in
 * late or replugged heals without restarting the agent.
 */
public final class SerialLineChannel implements LineChannel {
    private final String portName;
    private final int baud;
    private SerialPort port;

    public SerialLineChannel(String portName, int baud) {
        this.portName = portName;
        this.baud = baud;
    }

    private SerialPort port() throws IOException {
        if (port != null) {
            return port;
        }
        SerialPort p;
        try {
            p = SerialPort.getCommPort(portName);
        } catch (RuntimeException e) {
            throw new IOException("no serial port " + portName + ": " + e.getMessage(), e);
        }
        p.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        p.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        p.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        if (!p.openPort()) {
            throw new IOException("cannot open serial port " + portName);
        }
        port = p;
        return p;
    }

    private IOException fail(String what) {
        close();
        return new IOException(what + " on serial port " + portName);
    }

    @Override
    public synchronized void discardInput() throws IOException {
        SerialPort p = port();
        byte[] buffer = new byte[256];
        int available;
        while ((available = p.bytesAvailable()) > 0) {
            p.readBytes(buffer, Math.min(buffer.length, available));
        }
        if (available < 0) {
            throw fail("read failed");
        }
    }

    @Override
    public synchronized void send(String line) throws IOException {
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
        if (port().writeBytes(bytes, bytes.length) != bytes.length) {
            throw fail("write failed");
        }
    }

    @Override
    public synchronized String receive(long timeoutMillis) throws IOException {
        SerialPort p = port();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (System.nanoTime() < deadline) {
            int n = p.readBytes(one, 1);
            if (n < 0) {
                throw fail("read failed");
            }
            if (n == 0) {
                continue;
            }
            if (one[0] == '\n') {
                return line.toString(StandardCharsets.US_ASCII).replace("\r", "");
            }
            line.write(one[0]);
        }
        throw new SocketTimeoutException("no answer from the weighing terminal on " + portName + " within "
                + timeoutMillis + " ms");
    }

    @Override
    public synchronized void close() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }
}
