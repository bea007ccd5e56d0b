package org.carbonkiosk.collector.ingest;

/** Where received event messages go, in delivery order. Blocks while the collector is full. */
@FunctionalInterface
public interface InboundSink {
    void accept(Inbound message) throws InterruptedException;
}
