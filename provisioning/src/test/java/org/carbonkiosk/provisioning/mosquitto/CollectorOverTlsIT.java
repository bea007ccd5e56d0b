package org.carbonkiosk.provisioning.mosquitto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.carbonkiosk.provisioning.mosquitto.PrivateMosquitto.A;
import static org.carbonkiosk.provisioning.mosquitto.PrivateMosquitto.COLLECTOR;
import static org.carbonkiosk.provisioning.mosquitto.PrivateMosquitto.COLLECTOR_PASSWORD;
import static org.carbonkiosk.provisioning.mosquitto.PrivateMosquitto.PASSWORD;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carbonkiosk.collector.CollectorApp;
import org.carbonkiosk.collector.CollectorConfig;
import org.carbonkiosk.protocol.message.DeviceStatus;
import org.carbonkiosk.protocol.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real collector against the fleet's broker (private Mosquitto, kit configuration, the
 * provisioning tool's password file and ACL): TLS with the fleet CA file, with a client
 * certificate when the broker requires one, both connections under their own users; and a
 * retained event is decided, counted and its retained copy cleared.
 */
@Tag("machine-services")
class CollectorOverTlsIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "it-admin-token-0123456789";
    private final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    Path dir;

    private CollectorApp start(PrivateMosquitto broker, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of("KIOSK_MQTT_URL", broker.url(),
                "KIOSK_MQTT_USERNAME", COLLECTOR, "KIOSK_MQTT_PASSWORD", COLLECTOR_PASSWORD,
                "KIOSK_MQTT_TLS_CA_FILE", broker.ca().toString(), "KIOSK_HTTP_PORT", "0",
                "KIOSK_DATA_DIR", dir.resolve("collector").toString(), "KIOSK_ADMIN_TOKEN", TOKEN));
        env.putAll(extra);
        return CollectorApp.start(CollectorConfig.load(Optional.empty(), env), Clock.systemUTC());
    }

    @Test
    void fleetCaFile_bothConnectionsUp_retainedEventDecidedCountedAndCleared() throws Exception {
        try (PrivateMosquitto broker = new PrivateMosquitto(dir.resolve("broker"), false)) {
            CollectorApp app = start(broker, Map.of());
            try {
                await().atMost(WAIT).until(() -> get(app, "/health").contains("\"broker\":\"up\""));
                MqttClient a = broker.connect(A, A, PASSWORD);
                // the receipt connection (user collector-out) reads the kiosk's status
                a.publish(Topics.status(A), new DeviceStatus(true, "it", OffsetDateTime.now()).encode(),
                        1, true);
                await().atMost(WAIT).until(() -> metric(app, "kiosk_devices_online") == 1);

                a.publish(Topics.event(A), "retained-not-a-jws".getBytes(StandardCharsets.US_ASCII), 1, true);

                await().atMost(WAIT).until(() -> metric(app, "kiosk_retained_events") == 1);
                await().atMost(WAIT).until(() -> get(app, "/api/rejections?limit=10")
                        .contains("\"topic\":\"" + Topics.event(A) + "\""));
                a.disconnect();
                a.close();
            } finally {
                app.close();
            }
            assertNoRetainedEvent(broker);
        }
    }

    @Test
    void brokerRequiresClientCertificate_collectorPresentsItsOwn() throws Exception {
        try (PrivateMosquitto broker = new PrivateMosquitto(dir.resolve("broker"), true)) {
            CollectorApp app = start(broker, Map.of(
                    "KIOSK_MQTT_TLS_CERT_FILE", broker.certs.resolve("client-collector.pem").toString(),
                    "KIOSK_MQTT_TLS_KEY_FILE", broker.certs.resolve("client-collector.key").toString()));
            try {
                await().atMost(WAIT).until(() -> get(app, "/health").contains("\"broker\":\"up\""));
                assertThat(broker.log()).contains("New client connected").contains("as " + COLLECTOR + " ")
                        .contains("as " + COLLECTOR + "-out ");
            } finally {
                app.close();
            }
        }
    }

    /**
     * A plain (not shared) subscription to the kiosk's event topic gets no retained copy: the
     * kiosk's next, ordinary event is the first thing it receives.
     */
    private static void assertNoRetainedEvent(PrivateMosquitto broker) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        MqttClient reader = broker.connect("reader", COLLECTOR, COLLECTOR_PASSWORD);
        MqttClient a = broker.connect(A, A, PASSWORD);
        try {
            reader.subscribe(Topics.event(A), 1, (t, m) -> received.add(new String(m.getPayload(),
                    StandardCharsets.US_ASCII) + (m.isRetained() ? " (retained)" : "")));
            a.publish(Topics.event(A), "marker".getBytes(StandardCharsets.US_ASCII), 1, false);
            await().atMost(WAIT).until(() -> received.contains("marker"));
            assertThat(received).containsExactly("marker");
        } finally {
            a.disconnect();
            reader.disconnect();
            a.close();
            reader.close();
        }
    }

    private String get(CollectorApp app, String path) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.httpPort() + path))
                .header("Authorization", "Bearer " + TOKEN).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString()).body();
    }

    private double metric(CollectorApp app, String name) throws IOException, InterruptedException {
        Matcher m = Pattern.compile("(?m)^" + name + " ([0-9.eE+-]+)$").matcher(get(app, "/metrics"));
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
