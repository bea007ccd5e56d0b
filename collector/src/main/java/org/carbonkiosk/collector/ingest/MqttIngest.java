package org.carbonkiosk.collector.ingest;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5ClientBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonkiosk.collector.decide.Screened;
import org.carbonkiosk.collector.decide.Screener;
import org.carbonkiosk.collector.store.StoreException;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.message.DeviceStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.protocol.message.Telemetry;
import org.tinylog.Logger;

/**
 * The collector's MQTT 5 side (HiveMQ client): the shared event subscription with manual
 * acknowledgement, status and telemetry, and receipts. Persistent session (clean start
 * false, session expiry), automatic reconnect. Events are screened on a thread pool and
 * handed to the {@link DecisionWriter}, which acknowledges after the commit.
 */
public final class MqttIngest implements ReceiptPublisher, AutoCloseable {
    private final Mqtt5AsyncClient client;
    private final Screener screener;
    private final DecisionWriter writer;
    private final DeviceLiveState live;
    private final Clock clock;
    private final Duration sessionExpiry;
    private final int receiveMaximum;
    private final String username;
    private final String password;
    private final ExecutorService screening;
    private final AtomicBoolean accepting = new AtomicBoolean(true);
    private final AtomicBoolean connected = new AtomicBoolean(false);

    public MqttIngest(String url, String clientId, String username, String password, Duration sessionExpiry,
                      int receiveMaximum, int threads, Screener screener, DecisionWriter writer, DeviceLiveState live, Clock clock) {
        this.screener = screener;
        this.writer = writer;
        this.live = live;
        this.clock = clock;
        this.sessionExpiry = sessionExpiry;
        this.receiveMaximum = receiveMaximum;
        this.username = username;
        this.password = password;
        AtomicInteger n = new AtomicInteger();
        this.screening = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "screen-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        URI uri = URI.create(url);
        Mqtt5ClientBuilder builder = MqttClient.builder().useMqttVersion5().identifier(clientId)
                .serverHost(uri.getHost())
                .serverPort(uri.getPort() > 0 ? uri.getPort() : ("ssl".equals(uri.getScheme()) ? 8883 : 1883))
                .automaticReconnect().initialDelay(500, TimeUnit.MILLISECONDS).maxDelay(10, TimeUnit.SECONDS)
                .applyAutomaticReconnect()
                .addConnectedListener(ctx -> {
                    connected.set(true);
                    Logger.info("connected to the broker {}", url);
                })
                .addDisconnectedListener(ctx -> {
                    if (connected.getAndSet(false) && accepting.get()) {
                        Logger.warn("disconnected from the broker: {}", ctx.getCause().getMessage());
                    }
                });
        if ("ssl".equals(uri.getScheme())) {
            builder = builder.sslWithDefaultConfig();
        }
        this.client = builder.buildAsync();
    }

    /** Subscribes (before connecting, so a resumed session's messages find their callbacks) and connects. */
    public void start(Duration waitForConnect) {
        var eventSub = client.subscribeWith().topicFilter(Topics.SHARED_EVENT_SUBSCRIPTION).qos(MqttQos.AT_LEAST_ONCE)
                .callback(this::onEvent).manualAcknowledgement(true).send();
        var statusSub = client.subscribeWith().topicFilter(Topics.ALL_STATUS).qos(MqttQos.AT_LEAST_ONCE)
                .callback(this::onStatus).send();
        var telemetrySub = client.subscribeWith().topicFilter(Topics.ALL_TELEMETRY).qos(MqttQos.AT_MOST_ONCE)
                .callback(this::onTelemetry).send();
        var connect = client.connectWith().cleanStart(false).sessionExpiryInterval(sessionExpiry.toSeconds())
                .restrictions().receiveMaximum(receiveMaximum).applyRestrictions();
        var sent = username.isEmpty() ? connect.send()
                : connect.simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send();
        try {
            sent.get(waitForConnect.toMillis(), TimeUnit.MILLISECONDS);
            eventSub.get(waitForConnect.toMillis(), TimeUnit.MILLISECONDS);
            statusSub.get(waitForConnect.toMillis(), TimeUnit.MILLISECONDS);
            telemetrySub.get(waitForConnect.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            Logger.warn("broker not reachable yet ({}); reconnecting in the background", String.valueOf(e));
        }
    }

    public boolean isConnected() {
        return connected.get();
    }

    private void onEvent(Mqtt5Publish publish) {
        if (!accepting.get()) {
            return; // stopping: not acknowledged, delivered again
        }
        Instant receivedAt = clock.instant();
        byte[] raw = publish.getPayloadAsBytes();
        String topic = publish.getTopic().toString();
        screening.execute(() -> {
            Screened s = screen(topic, raw, receivedAt);
            if (s != null) {
                writer.submit(new DecisionWriter.Pending(s, publish::acknowledge));
            }
        });
    }

    private Screened screen(String topic, byte[] raw, Instant receivedAt) {
        long backoffMs = 100;
        while (accepting.get()) {
            try {
                return screener.screen(topic, raw, receivedAt);
            } catch (StoreException e) {
                Logger.warn("cannot look up a device key ({}); retrying", e.getMessage());
                try {
                    Thread.sleep(backoffMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return null;
                }
                backoffMs = Math.min(backoffMs * 2, 5_000);
            } catch (RuntimeException e) {
                Logger.error(e, "topic={} unexpected failure screening a message; recorded as malformed", topic);
                return new Screened.Refused(topic, raw, receivedAt,
                        org.carbonkiosk.protocol.message.Reason.MALFORMED, "internal: " + e, java.util.Optional.empty(),
                        java.util.Optional.empty());
            }
        }
        return null;
    }

    private void onStatus(Mqtt5Publish publish) {
        Topics.deviceIdOf(publish.getTopic().toString()).ifPresent(d ->
                DeviceStatus.decode(publish.getPayloadAsBytes()).map(s -> {
                    live.status(d, s.online(), s.agent(), clock.instant());
                    return s;
                }));
    }

    private void onTelemetry(Mqtt5Publish publish) {
        Topics.deviceIdOf(publish.getTopic().toString()).ifPresent(d ->
                Telemetry.decode(publish.getPayloadAsBytes()).map(t -> {
                    live.telemetry(d, t.binFillPercent(), t.outboxDepth(), clock.instant());
                    return t;
                }));
    }

    @Override
    public void publish(String deviceId, Receipt receipt) {
        client.publishWith().topic(Topics.receipt(deviceId)).qos(MqttQos.AT_LEAST_ONCE).payload(receipt.encode())
                .send().whenComplete((r, e) -> {
                    if (e != null) {
                        Logger.warn("deviceId={} eventId={} receipt not sent: {}", deviceId, receipt.eventId(),
                                e.getMessage());
                    }
                });
    }

    /** Stops taking new messages and waits for those being screened to reach the writer. */
    public void stopAccepting() {
        accepting.set(false);
        screening.shutdown();
        try {
            screening.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Graceful: disconnects ending the session (session expiry 0), so this collector leaves the
     * share group at once; some brokers (Mosquitto) keep queueing a share of the events for an
     * offline member until its session expires. Events not acknowledged are delivered again
     * (to the other collectors, or by the devices' resend).
     */
    @Override
    public void close() {
        accepting.set(false);
        screening.shutdownNow();
        try {
            client.disconnectWith().sessionExpiryInterval(0).send().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.debug("disconnect: {}", String.valueOf(e));
        }
    }

    /** A crash, for tests: disconnects keeping the session, so unacknowledged events come back on restart. */
    public void drop() {
        accepting.set(false);
        screening.shutdownNow();
        try {
            client.disconnect().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            Logger.debug("disconnect: {}", String.valueOf(e));
        }
    }
}
