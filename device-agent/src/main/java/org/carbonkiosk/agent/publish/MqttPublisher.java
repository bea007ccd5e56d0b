package org.carbonkiosk.agent.publish;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import javax.net.SocketFactory;
import org.carbonkiosk.agent.outbox.Outbox;
import org.carbonkiosk.agent.outbox.StoreException;
import org.carbonkiosk.agent.outbox.StoredEvent;
import org.carbonkiosk.config.Backoff;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.message.DeviceStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.tinylog.Logger;

/**
 * Delivers the outbox over MQTT (Paho, 3.1.1): events QoS 1 with the exact committed bytes, in
 * seq order, at most {@code maxInFlight} published within the last {@code resendAfter} and not
 * yet receipted; an event with no receipt is
 * published again after {@code resendAfter}, doubling to {@code resendMax}. Receipts settle
 * events. Retained {@code online} status on connect, {@code offline} as Last Will; reconnects by
 * itself with a jittered doubling backoff. All MQTT work runs on one thread.
 */
public final class MqttPublisher implements AutoCloseable {
    private final PublisherConfig config;
    private final Outbox outbox;
    private final ReceiptListener listener;
    private final Clock clock;
    private final LongSupplier nowMs;
    private final SocketFactory socketFactory;
    private final Backoff resend;
    private final Backoff reconnect;
    private final ScheduledExecutorService executor;
    private final String eventTopic;
    private final String receiptTopic;
    private final String statusTopic;
    private MqttAsyncClient client;
    private volatile boolean running;
    private volatile boolean connected;
    private int reconnectAttempt;
    private final java.util.concurrent.atomic.AtomicBoolean connectPending = new java.util.concurrent.atomic.AtomicBoolean();

    public MqttPublisher(PublisherConfig config, Outbox outbox, ReceiptListener listener, Clock clock, LongSupplier nowMs,
                         SocketFactory socketFactory) {
        this.config = config;
        this.outbox = outbox;
        this.listener = listener;
        this.clock = clock;
        this.nowMs = nowMs;
        this.socketFactory = socketFactory;
        this.resend = new Backoff(config.resendAfter(), config.resendMax());
        this.reconnect = new Backoff(config.mqtt().reconnectMin(), config.mqtt().reconnectMax());
        this.eventTopic = Topics.event(config.deviceId());
        this.receiptTopic = Topics.receipt(config.deviceId());
        this.statusTopic = Topics.status(config.deviceId());
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kiosk-mqtt");
            t.setDaemon(true);
            return t;
        });
    }

    public void start() {
        running = true;
        try {
            client = new MqttAsyncClient(config.mqtt().url(), config.mqtt().clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt.url '" + config.mqtt().url() + "': " + e.getMessage(), e);
        }
        client.setCallback(new Callback());
        scheduleConnect(0);
        long pumpMs = Math.max(50, Math.min(1000, config.resendAfter().toMillis() / 4));
        executor.scheduleWithFixedDelay(this::pump, pumpMs, pumpMs, TimeUnit.MILLISECONDS);
    }

    public boolean isConnected() {
        return connected;
    }

    /** Publishes due events now (called after a commit). */
    public void wake() {
        if (running) {
            executor.execute(this::pump);
        }
    }

    /** Telemetry, QoS 0, dropped when offline. */
    public void publishTelemetry(byte[] json) {
        if (!running) {
            return;
        }
        executor.execute(() -> {
            if (connected) {
                try {
                    client.publish(Topics.telemetry(config.deviceId()), json, 0, false);
                } catch (MqttException e) {
                    Logger.debug("telemetry not sent deviceId={}: {}", config.deviceId(), e.getMessage());
                }
            }
        });
    }

    private void scheduleConnect(long delayMs) {
        if (running && connectPending.compareAndSet(false, true)) {
            executor.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void connect() {
        connectPending.set(false);
        if (!running || client.isConnected()) {
            return;
        }
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setKeepAliveInterval((int) config.mqtt().keepAlive().toSeconds());
        options.setConnectionTimeout((int) config.mqtt().connectTimeout().toSeconds());
        options.setMaxInflight(config.maxInFlight() + 10);
        options.setUserName(config.mqtt().username());
        config.mqtt().password().ifPresent(p -> options.setPassword(p.toCharArray()));
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
        }
        options.setWill(statusTopic, status(false), 1, true);
        try {
            client.connect(options).waitForCompletion(config.mqtt().connectTimeout().toMillis() + 1000);
            client.subscribe(receiptTopic, 1).waitForCompletion(config.mqtt().connectTimeout().toMillis());
            client.publish(statusTopic, status(true), 1, true);
            outbox.makeAllDue();
            connected = true;
            reconnectAttempt = 0;
            Logger.info("mqtt connected deviceId={} url={}", config.deviceId(), config.mqtt().url());
            pump();
        } catch (MqttException | StoreException e) {
            connected = false;
            reconnectAttempt++;
            long delay = reconnect.jitteredDelayMs(reconnectAttempt);
            Logger.warn("mqtt connect failed deviceId={} url={}: {}; retrying in {} ms", config.deviceId(),
                    config.mqtt().url(), e.getMessage(), delay);
            forceDisconnect();
            scheduleConnect(delay);
        }
    }

    private void pump() {
        if (!connected || !running) {
            return;
        }
        try {
            int room = config.maxInFlight() - outbox.inFlight(config.resendAfter().toMillis());
            if (room <= 0) {
                return;
            }
            List<StoredEvent> due = outbox.due(room, config.resendMax().toMillis());
            for (StoredEvent e : due) {
                client.publish(eventTopic, e.jws(), 1, false);
                outbox.markPublished(e.seq(), nowMs.getAsLong() + resend.delayMs(e.attempts() + 1));
                if (e.attempts() == 0) {
                    Logger.info("event published deviceId={} eventId={}", config.deviceId(), e.eventId());
                } else {
                    Logger.info("event published again deviceId={} eventId={} attempt={}", config.deviceId(),
                            e.eventId(), e.attempts() + 1);
                }
            }
        } catch (MqttException e) {
            Logger.warn("publish failed deviceId={}: {}", config.deviceId(), e.getMessage());
        } catch (StoreException e) {
            Logger.error("outbox read failed deviceId={}: {}", config.deviceId(), e.getMessage());
        }
    }

    private byte[] status(boolean online) {
        return new DeviceStatus(online, config.agentVersion(), OffsetDateTime.now(clock)).encode();
    }

    private void forceDisconnect() {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, 1000, false);
            }
        } catch (MqttException e) {
            Logger.debug("forced disconnect: {}", e.getMessage());
        }
    }

    /** Publishes the retained offline status and disconnects. */
    @Override
    public void close() {
        running = false;
        try {
            executor.submit(() -> {
                if (connected) {
                    try {
                        client.publish(statusTopic, status(false), 1, true).waitForCompletion(2000);
                        client.disconnect(1000).waitForCompletion(2000);
                    } catch (MqttException e) {
                        Logger.debug("disconnect: {}", e.getMessage());
                    }
                }
                connected = false;
            }).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.warn("mqtt did not stop cleanly deviceId={}: {}", config.deviceId(), e.toString());
        }
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
            if (client != null) {
                client.close(true);
            }
        } catch (MqttException | InterruptedException e) {
            Logger.debug("mqtt close: {}", e.toString());
        }
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            // connect() does the on-connect work on the MQTT thread.
        }

        @Override
        public void connectionLost(Throwable cause) {
            connected = false;
            Logger.warn("mqtt connection lost deviceId={}: {}", config.deviceId(),
                    cause == null ? "-" : cause.getMessage());
            scheduleConnect(reconnect.delayMs(1));
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (!receiptTopic.equals(topic)) {
                return;
            }
            byte[] payload = message.getPayload();
            if (payload.length > Topics.MAX_MESSAGE_BYTES) {
                Logger.warn("receipt over 8 KiB ignored deviceId={}", config.deviceId());
                return;
            }
            var decoded = Receipt.decode(payload);
            if (!decoded.isOk()) {
                // The event stays unsettled and is published again (backing off); an operator must look.
                String text = new String(payload, java.nio.charset.StandardCharsets.UTF_8);
                Logger.error("malformed receipt ignored deviceId={}: {}: {}", config.deviceId(), decoded,
                        text.length() > 300 ? text.substring(0, 300) + "..." : text);
                return;
            }
            Receipt receipt = decoded.value();
            if (!receipt.eventId().startsWith(config.deviceId() + ":")) {
                Logger.warn("receipt for another device ignored deviceId={} eventId={}", config.deviceId(),
                        receipt.eventId());
                return;
            }
            try {
                listener.onReceipt(receipt);
            } catch (RuntimeException e) {
                // The event stays unsettled and is published again; its repeat receipt settles it.
                Logger.error(e, "receipt handling failed deviceId={} eventId={}", config.deviceId(), receipt.eventId());
            }
            wake();
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // A PUBACK is not a durability point; only a receipt settles an event.
        }
    }
}
