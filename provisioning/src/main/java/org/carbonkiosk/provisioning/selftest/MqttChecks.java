package org.carbonkiosk.provisioning.selftest;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.carbonkiosk.agent.outbox.ReadOnlyOutbox;
import org.carbonkiosk.agent.outbox.StoredEvent;
import org.carbonkiosk.agent.publish.TlsSockets;
import org.carbonkiosk.protocol.DecodeResult;
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.message.DeviceStatus;
import org.carbonkiosk.protocol.message.Receipt;
import org.carbonkiosk.provisioning.KioskConfig;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The broker checks of self-test, with the kiosk's password as user {@code <user>-selftest}
 * (client id {@code <id>-selftest}; the broker ties client ids to users, so a running agent
 * stays connected), which has the kiosk's own ACL:
 * <ol>
 * <li>broker: subscribe to the kiosk's status and receipt topics, publish a retained
 *     {@code online} status with a unique agent string, and read it back (credentials, TLS, ACL);</li>
 * <li>while that status is retained, {@code whileProbed} asks the collector whether it saw it
 *     (device -> broker -> collector);</li>
 * <li>receipt: when the outbox holds an event the collector already decided, publish its exact
 *     bytes again and wait for the receipt with {@code "repeat":true} (collector -> device; a
 *     repeat changes nothing, so no credit moves). A fresh kiosk has none: skipped;</li>
 * <li>finally the retained status that was there before is put back (or cleared), so a stopped
 *     agent does not look online.</li>
 * </ol>
 */
final class MqttChecks {
    private final KioskConfig kiosk;
    private final Clock clock;
    private final Duration timeout;

    MqttChecks(KioskConfig kiosk, Clock clock, Duration timeout) {
        this.kiosk = kiosk;
        this.clock = clock;
        this.timeout = timeout;
    }

    List<Check> run(Function<String, Check> whileProbed) {
        List<Check> checks = new ArrayList<>();
        String statusTopic = Topics.status(kiosk.deviceId());
        String probeAgent = "kiosk-provision-selftest-" + UUID.randomUUID();
        byte[] probe = new DeviceStatus(true, probeAgent, OffsetDateTime.now(clock)).encode();
        List<byte[]> before = new ArrayList<>();
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        List<Receipt> receipts = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Map<String, String> malformed = new java.util.concurrent.ConcurrentHashMap<>();
        MqttClient client = null;
        boolean probed = false;
        try {
            client = new MqttClient(kiosk.mqttUrl(), kiosk.deviceId() + "-selftest", new MemoryPersistence());
            client.setTimeToWait(timeout.toMillis());
            client.connect(options());
            client.subscribe(Topics.receipt(kiosk.deviceId()), 1, (topic, message) -> {
                DecodeResult<Receipt> r = Receipt.decode(message.getPayload());
                if (r instanceof DecodeResult.Malformed<Receipt> m) {
                    looseEventId(message.getPayload()).ifPresent(id -> malformed.put(id, m.detail()));
                } else {
                    receipts.add(r.value());
                }
            });
            client.subscribe(statusTopic, 1, (topic, message) -> {
                if (Arrays.equals(message.getPayload(), probe)) {
                    echoed.complete(null);
                } else if (!echoed.isDone() && message.isRetained()) {
                    synchronized (before) {
                        before.add(message.getPayload());
                    }
                }
            });
            client.publish(statusTopic, probe, 1, true);
            probed = true;
            echoed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            checks.add(Check.pass("broker", "connected to " + kiosk.mqttUrl() + " as " + kiosk.mqttSelfTestUsername()
                    + "; status published and read back"));
            checks.add(whileProbed.apply(probeAgent));
            checks.add(receiptRoundTrip(client, receipts, malformed));
        } catch (MqttSecurityException e) {
            checks.add(Check.fail("broker", "the broker at " + kiosk.mqttUrl() + " refused user "
                    + kiosk.mqttSelfTestUsername() + " (" + e.getMessage() + "): check mqtt.username/mqtt.password and the broker's password file"
                    + " (see the 'mosquitto' command)"));
        } catch (MqttException e) {
            checks.add(Check.fail("broker", describe(e) + " (" + kiosk.mqttUrl() + ")"));
        } catch (TimeoutException e) {
            checks.add(Check.fail("broker", "status published but not read back within " + timeout.toSeconds()
                    + " s: the broker's ACL probably does not let " + kiosk.mqttSelfTestUsername() + " read "
                    + statusTopic
                    + " (see the 'mosquitto' command)"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            checks.add(Check.fail("broker", "interrupted"));
        } catch (Exception e) {
            checks.add(Check.fail("broker", e.getClass().getSimpleName() + ": " + e.getMessage()));
        } finally {
            restore(client, probed, statusTopic, before);
            close(client);
        }
        return checks;
    }

    private Check receiptRoundTrip(MqttClient client, List<Receipt> receipts, java.util.Map<String, String> malformed)
            throws MqttException {
        Optional<StoredEvent> settled = ReadOnlyOutbox.newestSettled(kiosk.dataDir().resolve("outbox.db"));
        if (settled.isEmpty()) {
            return Check.skip("receipt", "no receipted event in the outbox yet (new kiosk): nothing to replay");
        }
        String eventId = settled.get().eventId();
        client.publish(Topics.event(kiosk.deviceId()), settled.get().jws(), 1, false);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (malformed.containsKey(eventId)) {
                return Check.fail("receipt", "replayed " + eventId + ": a receipt came back but does not follow the"
                        + " protocol (" + malformed.get(eventId) + "); the agent cannot settle such events: report"
                        + " it to the collector's operator");
            }
            Optional<Receipt> r = receipts.stream().filter(x -> x.eventId().equals(eventId)).findFirst();
            if (r.isPresent()) {
                return r.get().repeat()
                        ? Check.pass("receipt", "replayed " + eventId + ": receipt came back (" + r.get().status().wire()
                                + ", repeat, nothing credited again)")
                        : Check.fail("receipt", "replayed " + eventId + " but the receipt is not marked repeat:"
                                + " the collector had not decided it before");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Check.fail("receipt", "interrupted");
            }
        }
        return Check.fail("receipt", "replayed " + eventId + " but no receipt within " + timeout.toSeconds()
                + " s: is the collector running and connected to this broker? (ACL: the kiosk must read "
                + Topics.receipt(kiosk.deviceId()) + ")");
    }

    private static Optional<String> looseEventId(byte[] payload) {
        try {
            return Optional.ofNullable(StrictJson.mapper().readTree(payload).path("eventId").textValue());
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private MqttConnectOptions options() throws Exception {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        options.setUserName(kiosk.mqttSelfTestUsername());
        kiosk.mqttPassword().ifPresent(p -> options.setPassword(p.toCharArray()));
        if (kiosk.mqttUrl().startsWith("ssl://")) {
            // the agent's own TLS set-up, client key permission check included: what passes here works there
            options.setSocketFactory(TlsSockets.factory(kiosk.mqtt().caFile(), kiosk.mqtt().clientCertFile(),
                    kiosk.mqtt().clientKeyFile()));
        }
        return options;
    }

    private static void restore(MqttClient client, boolean probed, String statusTopic, List<byte[]> before) {
        if (client == null || !probed || !client.isConnected()) {
            return;
        }
        byte[] original;
        synchronized (before) {
            original = before.isEmpty() ? new byte[0] : before.get(before.size() - 1);
        }
        try {
            client.publish(statusTopic, original, 1, true);
        } catch (MqttException e) {
            // best effort; the agent publishes its own status when it (re)connects
        }
    }

    private static String describe(MqttException e) {
        int code = e.getReasonCode();
        if (code == MqttException.REASON_CODE_SERVER_CONNECT_ERROR || code == MqttException.REASON_CODE_CLIENT_TIMEOUT) {
            Throwable cause = e.getCause();
            return "cannot connect to the broker" + (cause != null ? ": " + cause.getMessage() : "")
                    + "; check mqtt.url, the network and that the broker runs";
        }
        if (code == MqttException.REASON_CODE_NOT_AUTHORIZED || code == MqttException.REASON_CODE_FAILED_AUTHENTICATION) {
            return "the broker refused the kiosk's credentials";
        }
        return "MQTT error " + code + ": " + e.getMessage()
                + Optional.ofNullable(e.getCause()).map(c -> " (" + c.getMessage() + ")").orElse("");
    }

    private static void close(MqttClient client) {
        if (client == null) {
            return;
        }
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
            client.close(true);
        } catch (MqttException e) {
            // best effort
        }
    }
}
