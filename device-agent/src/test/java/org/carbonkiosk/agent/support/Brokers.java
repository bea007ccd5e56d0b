package org.carbonkiosk.agent.support;

import org.carbonkiosk.broker.EmbeddedBroker;

/** The test broker: {@code kiosk.it.mqttUrl} when set, else an embedded one. */
public final class Brokers {
    private Brokers() {
    }

    public static String machineUrl() {
        return System.getProperty("kiosk.it.mqttUrl", "");
    }

    /** Starts an embedded broker unless the machine's broker is configured. */
    public static EmbeddedBroker startEmbeddedUnlessConfigured() {
        return machineUrl().isBlank() ? EmbeddedBroker.createTemporary().start() : null;
    }

    public static String url(EmbeddedBroker broker) {
        return broker != null ? broker.url() : machineUrl();
    }
}
