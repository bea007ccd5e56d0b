package org.carbonkiosk.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.carbonkiosk.collector.pipeline.CommitListener;

/** Starts a collector for a test: temporary data dir, ephemeral port, unique client id. */
final class CollectorHarness {
    private CollectorHarness() {
    }

    static CollectorConfig config(String brokerUrl) {
        return config(brokerUrl, Map.of());
    }

    /** A test collector's keys, with {@code settings} (keys as in a file) added or replacing them. */
    static CollectorConfig config(String brokerUrl, Map<String, String> settings) {
        try {
            Path dir = Files.createTempDirectory("collector-it");
            Map<String, String> keys = new HashMap<>(Map.of("mqtt.url", brokerUrl, "http.port", "0",
                    "data.dir", dir.toString(), "mqtt.clientId", "collector-it-" + UUID.randomUUID(),
                    "mqtt.sessionExpiry", "60s"));
            keys.putAll(settings);
            return CollectorConfig.of(keys);
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
