package org.carbonkiosk.collector;

import org.carbonkiosk.broker.EmbeddedBroker;

/** The broker of an integration test: {@code kiosk.it.mqttUrl} when set (Mosquitto in CI), else embedded HiveMQ CE. */
final class TestBroker implements AutoCloseable {
    private final EmbeddedBroker embedded;
    private final String url;

    private TestBroker(EmbeddedBroker embedded, String url) {
        this.embedded = embedded;
        this.url = url;
    }

    private static TestBroker shared;

    /** One broker for all integration tests of this JVM (stopped at exit). */
    static synchronized TestBroker shared() {
        if (shared == null) {
            shared = start();
            TestBroker b = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(b::close));
        }
        return shared;
    }

    static TestBroker start() {
        String external = System.getProperty("kiosk.it.mqttUrl", "");
        if (!external.isBlank()) {
            return new TestBroker(null, external);
        }
        EmbeddedBroker b = EmbeddedBroker.createTemporary().start();
        return new TestBroker(b, b.url());
    }

    /** The embedded broker, when this is one (empty with an external broker). */
    java.util.Optional<EmbeddedBroker> embedded() {
        return java.util.Optional.ofNullable(embedded);
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }
}
