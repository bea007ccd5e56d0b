package org.carbonkiosk.agent.hardware.mtsics;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A {@link LineChannel} on a serial port through jSerialComm (8 data bits, no parity, 1 stop bit). */
public final class SerialLineChannel implements LineChannel {
    private final SerialPort port;

    private SerialLineChannel(SerialPort port) {
        this.port = port;
    }

    /** Opens {@code portName} (e.g. /dev/ttyUSB0) at {@code baud}. */
    public static SerialLineChannel open(String portName, int baud) throws IOException {
        SerialPort port = SerialPort.getCommPort(portName);
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 100, 0);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + portName);
        }
        return new SerialLineChannel(port);
    }

    @Override
    public void discardInput() {
        byte[] buffer = new byte[256];
        while (port.bytesAvailable() > 0) {
            port.readBytes(buffer, Math.min(buffer.length, port.bytesAvailable()));
        }
    }

    @Override
    public void send(String line) throws IOException {
        byte[] bytes = (line + "\r\n").getBytes(StandardCharsets.US_ASCII);
        if (port.writeBytes(bytes, bytes.length) != bytes.length) {
            throw new IOException("serial write failed on " + port.getSystemPortName());
        }
    }

    @Override
    public String receive(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        while (System.nanoTime() < deadline) {
            int n = port.readBytes(one, 1);
            if (n < 0) {
                throw new IOException("serial read failed on " + port.getSystemPortName());
            }
            if (n == 0) {
                continue;
            }
            if (one[0] == '\n') {
                return line.toString(StandardCharsets.US_ASCII).replace("\r", "");
            }
            line.write(one[0]);
        }
        throw new SocketTimeoutException("no answer from the weighing terminal within " + timeoutMillis + " ms");
    }

    @Override
    public void close() {
        port.closePort();
    }
}
