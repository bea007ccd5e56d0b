package org.carbonkiosk.agent.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.tinylog.Logger;

/**
 * Serves a {@link ControlConsole} on standard input and/or a TCP port bound to the loopback
 * address only (never reachable from the network).
 */
public final class ConsoleServer implements AutoCloseable {
    private final ControlConsole console;
    private ServerSocket server;
    private volatile boolean running = true;

    public ConsoleServer(ControlConsole console) {
        this.console = console;
    }

    /** Reads commands from {@code in} on a daemon thread, answering on {@code out}. */
    public void serveStream(InputStream in, PrintStream out) {
        Thread t = new Thread(() -> serve(in, out), "kiosk-console-stdin");
        t.setDaemon(true);
        t.start();
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port); returns the port. */
    public int listen(int port) throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        Thread t = new Thread(this::accept, "kiosk-console-tcp");
        t.setDaemon(true);
        t.start();
        Logger.info("control console listening on 127.0.0.1:{}", server.getLocalPort());
        return server.getLocalPort();
    }

    /** Where the TCP console listens (always a loopback address), or null before {@link #listen}. */
    public java.net.InetAddress boundAddress() {
        return server == null ? null : server.getInetAddress();
    }

    private void accept() {
        while (running) {
            try {
                Socket socket = server.accept();
                Thread t = new Thread(() -> {
                    try (socket; InputStream in = socket.getInputStream(); OutputStream os = socket.getOutputStream()) {
                        serve(in, new PrintStream(os, true, StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        Logger.debug("console connection closed: {}", e.getMessage());
                    }
                }, "kiosk-console-client");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                if (running) {
                    Logger.warn("control console accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void serve(InputStream in, PrintStream out) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while (running && (line = reader.readLine()) != null) {
                String answer = console.handle(line);
                if (!answer.isEmpty()) {
                    out.println(answer);
                    out.flush();
                }
            }
        } catch (IOException e) {
            Logger.debug("console input closed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                Logger.debug("console close: {}", e.getMessage());
            }
        }
    }
}
