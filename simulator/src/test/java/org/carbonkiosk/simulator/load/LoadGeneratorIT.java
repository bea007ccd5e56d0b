package org.carbonkiosk.simulator.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.carbonkiosk.broker.EmbeddedBroker;
import org.carbonkiosk.collector.CollectorApp;
import org.carbonkiosk.collector.CollectorConfig;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator against a real collector and broker (the machine's when
 * {@code kiosk.it.mqttUrl} is set, else an embedded one): every event answered, counted once.
 */
@Tag("machine-services")
class LoadGeneratorIT {
    @TempDir
    Path dir;
    private EmbeddedBroker embedded;
    private String mqttUrl;

    @BeforeEach
    void broker() {
        mqttUrl = System.getProperty("kiosk.it.mqttUrl", "");
        if (mqttUrl.isBlank()) {
            embedded = EmbeddedBroker.create(dir.resolve("broker"), 0).start();
            mqttUrl = embedded.url();
        }
    }

    @AfterEach
    void stopBroker() {
        if (embedded != null) {
            embedded.close();
        }
    }

    private CollectorApp collector(String name) {
        return CollectorApp.start(CollectorConfig.of(Map.of("mqtt.url", mqttUrl,
                "mqtt.clientId", name + "-" + UUID.randomUUID(), "http.port", "0", "data.dir", dir.resolve(name).toString(),
                "admin.token", "load-it-admin-token-0123456789")), Clock.systemUTC());
    }

    @Test
    void run_countMode_everyEventIsAcceptedAndCredited() throws Exception {
        try (CollectorApp collector = collector("load-it-count")) {
            CollectorClient api = new CollectorClient("http://127.0.0.1:" + collector.httpPort(), collector.adminToken());
            LoadGenerator generator = new LoadGenerator(mqttUrl, api, 5, 2);

            LoadResult result = generator.run(generator.prepare(200), 0, 50, Duration.ofSeconds(60));

            assertThat(result.published()).isEqualTo(200);
            assertThat(result.accepted()).isEqualTo(200);
            assertThat(result.credited()).isEqualTo(200);
            assertThat(result.p99Ms()).isGreaterThanOrEqualTo(result.p50Ms());
        }
    }

    @Test
    void run_rateMode_publishesEverythingAtTheGivenRate() throws Exception {
        try (CollectorApp collector = collector("load-it-rate")) {
            CollectorClient api = new CollectorClient("http://127.0.0.1:" + collector.httpPort(), collector.adminToken());
            LoadGenerator generator = new LoadGenerator(mqttUrl, api, 3, 1);

            LoadResult result = generator.run(generator.prepare(40), 40, 50, Duration.ofSeconds(60));

            assertThat(result.accepted()).isEqualTo(40);
            assertThat(result.offeredPerSecond()).isEqualTo(40);
        }
    }

    @Test
    void verifiesPerSecond_isPositive() throws Exception {
        assertThat(VerifyBaseline.verifiesPerSecond(1, Duration.ofMillis(300))).isPositive();
    }
}
