package org.carbonkiosk.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.carbonkiosk.agent.identity.DeviceKeyStore;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.collector.CollectorApp;
import org.carbonkiosk.collector.CollectorConfig;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.json.StrictJson;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector-facing commands are driven through picocli against a real running collector
 * ({@link CollectorApp}) and a real broker (embedded HiveMQ CE, or {@code kiosk.it.mqttUrl}),
 * started once per test class; each test has a fresh kiosk with a unique device id.
 */
abstract class CollectorTestBase {
    static EmbeddedBroker embedded;
    static String brokerUrl;
    static CollectorApp collector;
    static String collectorUrl;

    @TempDir
    Path dir;
    String deviceId;
    ToolRunner tool;

    @BeforeAll
    static void startCollector() throws IOException {
        String external = System.getProperty("kiosk.it.mqttUrl", "");
        if (external.isBlank()) {
            embedded = EmbeddedBroker.createTemporary().start();
            brokerUrl = embedded.url();
        } else {
            brokerUrl = external;
        }
        CollectorConfig config = CollectorConfig.of(Map.of("mqtt.url", brokerUrl, "http.port", "0",
                "data.dir", Files.createTempDirectory("provisioning-it-collector").toString(),
                "mqtt.clientId", "provisioning-it-" + UUID.randomUUID(), "admin.token", "it-admin-token-0123456789"));
        collector = CollectorApp.start(config, Clock.systemUTC());
        collectorUrl = "http://127.0.0.1:" + collector.httpPort();
    }

    @AfterAll
    static void stopCollector() {
        if (collector != null) {
            collector.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    @BeforeEach
    void kiosk() {
        deviceId = "IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        tool = newKiosk(dir.resolve("kiosk"));
        assertThat(tool.init(deviceId).exitCode()).isEqualTo(ExitCodes.OK);
    }

    ToolRunner newKiosk(Path home) {
        return new ToolRunner(home).mqttUrl(brokerUrl).collectorUrl(collectorUrl).clock(Clock.systemUTC())
                .variable("KIOSK_TECHNICIAN_TOKEN", collector.adminToken());
    }

    ToolRunner.Result run(String command, String... extra) {
        String[] args = new String[extra.length + 3];
        args[0] = command;
        args[1] = "--config";
        args[2] = tool.config().toString();
        System.arraycopy(extra, 0, args, 3, extra.length);
        return tool.run(args);
    }

    static Optional<JsonNode> device(String id) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(collectorUrl + "/api/devices/" + id)).header("Authorization", "Bearer " + collector.adminToken()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200 ? Optional.of(StrictJson.mapper().readTree(r.body())) : Optional.empty();
    }

    String activeX(ToolRunner kiosk) throws IOException {
        return new DeviceKeyStore(kiosk.identityDir()).active().orElseThrow().keyPair().publicJwk().x();
    }

    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    void publishAsTheAgent(byte[] jws) throws Exception {
        MqttClient client = new MqttClient(brokerUrl, deviceId + "-agent", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(deviceId);
        options.setPassword("a-long-mqtt-password".toCharArray());
        client.connect(options);
        client.publish(Topics.event(deviceId), jws, 1, false);
        client.disconnect();
        client.close();
    }

    static boolean eventDecided(String eventId) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(collectorUrl + "/api/events/" + eventId)).header("Authorization", "Bearer " + collector.adminToken()).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return r.statusCode() == 200;
    }
}
