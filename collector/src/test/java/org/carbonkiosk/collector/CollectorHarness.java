package org.carbonkiosk.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;
import org.carbonkiosk.collector.pipeline.CommitListener;

/** Starts a collector for a test: temporary data dir, ephemeral port, unique client id. */
final class CollectorHarness {
    private CollectorHarness() {
    }

    static CollectorConfig config(String brokerUrl) {
        try {
            Path dir = Files.createTempDirectory("collector-it");
            return CollectorConfig.defaults().withMqttUrl(brokerUrl).withHttpPort(0).withDataDir(dir)
                    .withMqttClientId("collector-it-" + UUID.randomUUID())
                    .withMqttSessionExpiry(java.time.Duration.ofSeconds(60));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static CollectorApp start(CollectorConfig config, Clock clock) {
        return CollectorApp.start(config, clock);
    }

    static CollectorApp start(CollectorConfig config, Clock clock, CommitListener listener) {
        return CollectorApp.start(config, clock, listener);
    }
}
