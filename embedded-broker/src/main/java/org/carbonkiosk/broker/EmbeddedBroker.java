package org.carbonkiosk.broker;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * An MQTT 3.1.1 / 5 broker (HiveMQ CE, embedded) listening on 127.0.0.1. Its sessions and
 * queued messages live in {@code dataDir}, so a stop and start of the same instance keeps
 * them, as a real broker restart does.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** HiveMQ logs through logback; only its warnings and errors reach the console. */
    private static final String QUIET_LOGGING = """
            <configuration>
              <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [broker] %msg%n</pattern></encoder>
              </appender>
              <root level="WARN"><appender-ref ref="CONSOLE"/></root>
            </configuration>
            """;
    private final Path baseDir;
    private final int port;
    private EmbeddedHiveMQ hivemq;

    private EmbeddedBroker(Path baseDir, int port) {
        this.baseDir = baseDir;
        this.port = port;
    }

    /** A broker on {@code port} (0 picks a free one), keeping its files under {@code baseDir}. */
    public static EmbeddedBroker create(Path baseDir, int port) {
        int chosen = port == 0 ? freePort() : port;
        EmbeddedBroker broker = new EmbeddedBroker(baseDir, chosen);
        broker.writeConfig();
        return broker;
    }

    /** A broker on a free port in a new temporary folder. */
    public static EmbeddedBroker createTemporary() {
        try {
            return create(Files.createTempDirectory("kiosk-broker"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public EmbeddedBroker start() {
        if (hivemq != null) {
            throw new IllegalStateException("broker already started");
        }
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(baseDir.resolve("conf"))
                .withDataFolder(baseDir.resolve("data"))
                .withExtensionsFolder(baseDir.resolve("extensions"))
                .build();
        try {
            hivemq.start().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("embedded broker did not start on port " + port, e);
        }
        return this;
    }

    /** Stops the broker; {@link #start()} brings it back on the same port with its sessions. */
    public void stop() {
        if (hivemq == null) {
            return;
        }
        try {
            hivemq.stop().get(60, TimeUnit.SECONDS);
            hivemq.close();
        } catch (Exception e) {
            throw new IllegalStateException("embedded broker did not stop", e);
        } finally {
            hivemq = null;
        }
    }

    public boolean isRunning() {
        return hivemq != null;
    }

    public int port() {
        return port;
    }

    /** {@code tcp://127.0.0.1:PORT}. */
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }

    private void writeConfig() {
        String xml = """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener>
                      <port>%d</port>
                      <bind-address>127.0.0.1</bind-address>
                    </tcp-listener>
                  </listeners>
                  <mqtt>
                    <session-expiry><max-interval>86400</max-interval></session-expiry>
                    <queued-messages><max-queue-size>100000</max-queue-size></queued-messages>
                  </mqtt>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port);
        try {
            Files.createDirectories(baseDir.resolve("conf"));
            Files.createDirectories(baseDir.resolve("data"));
            Files.createDirectories(baseDir.resolve("extensions"));
            Files.writeString(baseDir.resolve("conf/config.xml"), xml, StandardCharsets.UTF_8);
            Files.writeString(baseDir.resolve("conf/logback.xml"), QUIET_LOGGING, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write broker config under " + baseDir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }
}
