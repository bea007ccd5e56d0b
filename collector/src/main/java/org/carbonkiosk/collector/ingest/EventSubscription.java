package org.carbonkiosk.collector.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carbonkiosk.collector.logging.RateLimitedWarning;
import org.carbonkiosk.protocol.Topics;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.tinylog.Logger;

/**
 * The event connection: the shared subscription {@code $share/collectors/kiosk/v1/+/event},
 * persistent session, manual acknowledgement. Each message goes to the {@link InboundSink} in
 * delivery order; when the sink is full, this connection's reader waits, so TCP flow control
 * holds the broker back whatever the broker does with the receive maximum (see
 * docs/decisions.md: Mosquitto 2.0.11 sends past it). The subscription is made again on every
 * connect, so a broker that lost its sessions is subscribed to again.
 *
 * <p>Retained events: the subscription asks for the retain flag as published, so an event a kiosk
 * published retained is seen as such. It is counted (with a rate-limited warning), decided as
 * usual (a copy seen again is a {@code repeat}) and cleared at once: this connection publishes an
 * empty retained message on that topic, so the broker keeps no copy to replay to a later
 * subscriber. That empty retained message (or any) comes back through the subscription and is
 * acknowledged without a decision: it is a deletion, not an event.
 */
public final class EventSubscription implements MqttCallback, AutoCloseable {
    static final int EVENT_KEEPALIVE_SECONDS = 120;
    private final MqttAsyncClient client;
    private final MqttSettings settings;
    private final InboundSink sink;
    private final Clock clock;
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final RateLimitedWarning disconnects = new RateLimitedWarning("event connection lost", Duration.ofSeconds(10));
    private final RateLimitedWarning retained = new RateLimitedWarning(
            "retained event received (decided as usual; its retained copy is cleared)", Duration.ofSeconds(10));

    public EventSubscription(MqttSettings settings, InboundSink sink, Clock clock) {
        this.settings = settings;
        this.sink = sink;
        this.clock = clock;
        this.client = PahoClients.create(settings.url(), settings.clientId());
        client.setManualAcks(true);
        client.setCallback(this);
    }

    public void start(Duration waitForConnect) {
        MqttConnectionOptions o = PahoClients.options(settings);
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setReceiveMaximum(settings.receiveMaximum());
        // While the collector's queue is full this connection's reader waits, and a PINGRESP waits
        // with it: a long keepalive lets a store outage of a few minutes pass without a reconnect.
        o.setKeepAliveInterval(EVENT_KEEPALIVE_SECONDS);
        PahoClients.connect(client, o, waitForConnect, accepting::get, "events");
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** How many times the event connection was lost since start (a reconnect loop shows here). */
    public long disconnects() {
        return disconnects.total();
    }

    /** How many retained events arrived since start (each one's retained copy was cleared). */
    public long retainedEvents() {
        return retained.total();
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        Logger.info("event connection {} to {}", reconnect ? "restored" : "up", serverURI);
        try {
            MqttSubscription events = new MqttSubscription(Topics.SHARED_EVENT_SUBSCRIPTION, 1);
            events.setRetainAsPublished(true);
            client.subscribe(events);
        } catch (MqttException e) {
            Logger.error("cannot subscribe to {}: {}", Topics.SHARED_EVENT_SUBSCRIPTION, e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        if (!accepting.get()) {
            return; // stopping: not acknowledged, delivered again
        }
        int id = message.getId();
        int qos = message.getQos();
        if (message.isRetained()) {
            if (message.getPayload().length == 0) {
                acknowledge(id, qos); // a retained copy being cleared (ours, usually): nothing to decide
                return;
            }
            retained.warn("topic " + topic);
            clearRetained(topic);
        }
        Inbound in = new Inbound(topic, message.getPayload(), clock.instant(), () -> acknowledge(id, qos));
        try {
            sink.accept(in);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the broker's retained copy on {@code topic}; best effort (the next retained event retries). */
    private void clearRetained(String topic) {
        try {
            client.publish(topic, new byte[0], 1, true);
        } catch (MqttException e) {
            Logger.warn("cannot clear the retained message on {}: {}", topic, e.getMessage());
        }
    }

    private void acknowledge(int id, int qos) {
        if (qos == 0) {
            return;
        }
        try {
            client.messageArrivedComplete(id, qos);
        } catch (MqttException e) {
            // Not connected: the broker delivers it again; the decision is already committed.
            Logger.debug("acknowledgement of message {} not sent: {}", id, e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        disconnects.warn(String.valueOf(response));
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        Logger.warn("event connection error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // the only publishes here are the retained-copy clears, best effort
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    /** Stops handing messages on; those not acknowledged are delivered again. */
    public void stopAccepting() {
        accepting.set(false);
    }

    /**
     * Graceful: disconnects ending the session (session expiry 0), so this collector leaves the
     * share group at once (Mosquitto keeps queueing a share for an offline member until its
     * session expires). Unacknowledged events go to the other collectors or come back by resend.
     */
    @Override
    public void close() {
        accepting.set(false);
        MqttProperties p = new MqttProperties();
        p.setSessionExpiryInterval(0L);
        try {
            if (client.isConnected()) {
                client.disconnect(2_000, null, null, 0, p).waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            Logger.debug("disconnect: {}", e.getMessage());
        }
        closeClient();
    }

    /** A crash, for tests: the connection drops keeping the session, so unacknowledged events come back. */
    public void drop() {
        accepting.set(false);
        try {
            client.disconnectForcibly(0, 1_000, false);
        } catch (MqttException e) {
            Logger.debug("drop: {}", e.getMessage());
        }
        closeClient();
    }

    private void closeClient() {
        try {
            client.close(true);
        } catch (MqttException e) {
            Logger.debug("close: {}", e.getMessage());
        }
    }
}
