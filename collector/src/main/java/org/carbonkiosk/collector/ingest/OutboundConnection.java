package org.carbonkiosk.collector.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.carbonkiosk.collector.logging.RateLimitedWarning;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.message.DeviceStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.protocol.message.Telemetry;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
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
 * The second connection ({@code clientId-out}, clean session, user {@code username-out} with the
 * same password: the fleet broker takes the user name as client id, so each connection has its
 * own user, see docs/decisions.md): receipts out, devices' status
 * and telemetry in. Apart from the event connection so that its flow control never holds up
 * receipts. Receipts wait in a bounded queue and are sent by one thread, so deciding never
 * waits for the broker; when the queue is full a receipt is dropped and counted, and the kiosk's
 * resend brings it back (answered as a repeat).
 */
public final class OutboundConnection implements ReceiptPublisher, MqttCallback, AutoCloseable {
    private static final int MAX_INFLIGHT_REASON = 32202;
    private static final int RECEIPTS_IN_FLIGHT = 20;
    /** Appended to the event connection's client id and user name. */
    static final String SUFFIX = "-out";

    private record Outgoing(String topic, byte[] payload) {
    }

    private final MqttAsyncClient client;
    private final MqttSettings settings;
    private final DeviceLiveState live;
    private final Clock clock;
    private final BlockingQueue<Outgoing> receipts;
    private final Semaphore inFlight = new Semaphore(RECEIPTS_IN_FLIGHT);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final RateLimitedWarning dropped = new RateLimitedWarning("receipt queue full, receipt dropped",
            Duration.ofSeconds(10));
    private final RateLimitedWarning failed = new RateLimitedWarning("receipt not delivered to the broker",
            Duration.ofSeconds(10));
    private final Thread sender;

    public OutboundConnection(MqttSettings settings, int receiptQueueCapacity, DeviceLiveState live, Clock clock) {
        this.settings = settings;
        this.live = live;
        this.clock = clock;
        this.receipts = new ArrayBlockingQueue<>(receiptQueueCapacity);
        this.client = PahoClients.create(settings.url(), settings.clientId() + SUFFIX);
        client.setCallback(this);
        this.sender = new Thread(this::sendLoop, "receipt-sender");
        sender.setDaemon(true);
    }

    public void start(Duration waitForConnect) {
        MqttConnectionOptions o = PahoClients.options(settings);
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        if (!settings.username().isEmpty()) {
            o.setUserName(settings.username() + SUFFIX);
        }
        sender.start();
        PahoClients.connect(client, o, waitForConnect, running::get, "receipts");
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Queues a receipt; never blocks. */
    @Override
    public void publish(String deviceId, Receipt receipt) {
        if (!receipts.offer(new Outgoing(Topics.receipt(deviceId), receipt.encode()))) {
            dropped.warn("deviceId=" + deviceId + " eventId=" + receipt.eventId());
        }
    }

    public int queuedReceipts() {
        return receipts.size();
    }

    public long droppedReceipts() {
        return dropped.total();
    }

    private void sendLoop() {
        while (running.get() || !receipts.isEmpty()) {
            try {
                Outgoing r = receipts.poll(100, TimeUnit.MILLISECONDS);
                if (r != null) {
                    send(r);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Sends one receipt, waiting while the broker's in-flight window is full or the link is down. */
    private void send(Outgoing r) throws InterruptedException {
        while (running.get()) {
            if (!client.isConnected()) {
                Thread.sleep(50);
                continue;
            }
            inFlight.acquire();
            try {
                client.publish(r.topic(), r.payload(), 1, false, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        inFlight.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        inFlight.release();
                        failed.warn(r.topic() + ": " + e);
                    }
                });
                return;
            } catch (MqttException e) {
                inFlight.release();
                if (e.getReasonCode() == MAX_INFLIGHT_REASON) {
                    Thread.sleep(1); // the broker allows fewer in flight than we do
                } else if (client.isConnected()) {
                    failed.warn(r.topic() + ": " + e.getMessage());
                    return;
                }
            }
        }
    }

    @Override
    public void connectComplete(boolean reconnect, String serverURI) {
        try {
            client.subscribe(new MqttSubscription[] {new MqttSubscription(Topics.ALL_STATUS, 1),
                    new MqttSubscription(Topics.ALL_TELEMETRY, 0)});
        } catch (MqttException e) {
            Logger.error("cannot subscribe to status and telemetry: {}", e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) {
        byte[] payload = message.getPayload();
        Topics.deviceIdOf(topic).ifPresent(d -> {
            if (topic.endsWith("/status")) {
                DeviceStatus.decode(payload).map(s -> {
                    live.status(d, s.online(), s.agent(), clock.instant());
                    return s;
                });
            } else if (topic.endsWith("/telemetry")) {
                Telemetry.decode(payload).map(t -> {
                    live.telemetry(d, t.binFillPercent(), t.outboxDepth(), clock.instant());
                    return t;
                });
            }
        });
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        if (running.get()) {
            Logger.warn("receipt connection lost: {}", response);
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        Logger.warn("receipt connection error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // completion is handled by each publish's listener
    }

    @Override
    public void authPacketArrived(int reasonCode, MqttProperties properties) {
        // no enhanced authentication
    }

    /** Sends what is queued (bounded wait), then disconnects. */
    @Override
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!receipts.isEmpty() && client.isConnected() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.set(false);
        sender.interrupt();
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(5_000);
            }
        } catch (MqttException e) {
            Logger.debug("disconnect: {}", e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            Logger.debug("close: {}", e.getMessage());
        }
    }
}
