package org.carbonkiosk.simulator.load;

import org.carbonkiosk.simulator.fleet.CollectorClient;
import picocli.CommandLine.Option;

/** The running collector and broker a load command drives (picocli mixin). */
public final class CollectorTarget {
    @Option(names = "--mqtt-url", description = "broker (default ${DEFAULT-VALUE})", defaultValue = "tcp://127.0.0.1:1883")
    String mqttUrl;

    @Option(names = "--collector-url", description = "collector HTTP API (default ${DEFAULT-VALUE})", defaultValue = "http://127.0.0.1:8080")
    String collectorUrl;

    @Option(names = "--admin-token", required = true, description = "the collector's admin token (env KIOSK_ADMIN_TOKEN)",
            defaultValue = "${env:KIOSK_ADMIN_TOKEN}")
    String adminToken;

    CollectorClient client() {
        return new CollectorClient(collectorUrl, adminToken);
    }
}
