package org.carbonkiosk.provisioning.selftest;

import java.nio.charset.StandardCharsets;
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
import org.carbonkiosk.protocol.Topics;
import org.carbonkiosk.protocol.message.DeviceStatus;
import org.carbonkiosk.provisioning.KioskConfig;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The broker check of self-test: connects with the kiosk's own credentials (client id
 * {@code <id>-selftest}, so a running agent is not disconnected), subscribes to its status and
 * receipt topics, publishes a retained {@code online} status with a unique agent string and waits
 * for it to come back. Then it puts back the retained status that was there before (or clears it),
 * so a stopped agent does not look online. This proves the credentials, TLS, and the ACL's write
 * and read rights on the kiosk's own topics.
 */
final class BrokerRoundTrip {
    private final KioskConfig kiosk;
    private final Clock clock;
    private final Duration timeout;

    BrokerRoundTrip(KioskConfig kiosk, Clock clock, Duration timeout) {
        this.kiosk = kiosk;
        this.clock = clock;
        this.timeout = timeout;
    }

    Check run() {
        String name = "broker";
        String statusTopic = Topics.status(kiosk.deviceId());
        String probeAgent = "kiosk-provision-selftest-" + UUID.randomUUID();
        byte[] probe = new DeviceStatus(true, probeAgent, OffsetDateTime.now(clock)).encode();
        List<byte[]> before = new ArrayList<>();
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        MqttClient client = null;
        try {
            client = new MqttClient(kiosk.mqttUrl(), kiosk.deviceId() + "-selftest", new MemoryPersistence());
            client.setTimeToWait(timeout.toMillis());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            options.setAutomaticReconnect(false);
            options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
            options.setUserName(kiosk.mqttUsername());
            kiosk.mqttPassword().ifPresent(p -> options.setPassword(p.toCharArray()));
            if (kiosk.mqttUrl().startsWith("ssl://")) {
                options.setSocketFactory(TlsSockets.factory(kiosk.optionalPath(KioskConfig.MQTT_CA_FILE),
                        kiosk.optionalPath(KioskConfig.MQTT_CLIENT_CERT_FILE),
                        kiosk.optionalPath(KioskConfig.MQTT_CLIENT_KEY_FILE)));
            }
            client.connect(options);
            client.subscribe(Topics.receipt(kiosk.deviceId()), 1);
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
            echoed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            byte[] original;
            synchronized (before) {
                original = before.isEmpty() ? new byte[0] : before.get(before.size() - 1);
            }
            client.publish(statusTopic, original, 1, true);
            return Check.pass(name, "connected to " + kiosk.mqttUrl() + " as " + kiosk.mqttUsername()
                    + "; status published and read back on " + statusTopic);
        } catch (MqttSecurityException e) {
            return Check.fail(name, "the broker at " + kiosk.mqttUrl() + " refused user " + kiosk.mqttUsername()
                    + " (" + e.getMessage() + "): check mqtt.username/mqtt.password and the broker's password file"
                    + " ('mosquitto' command)");
        } catch (MqttException e) {
            return Check.fail(name, describe(e) + " (" + kiosk.mqttUrl() + ")");
        } catch (TimeoutException e) {
            return Check.fail(name, "status published but not read back within " + timeout.toSeconds() + " s: the"
                    + " broker's ACL probably does not let " + kiosk.mqttUsername() + " read " + statusTopic
                    + " (see the 'mosquitto' command)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Check.fail(name, "interrupted");
        } catch (Exception e) {
            return Check.fail(name, e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            close(client);
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

    static String text(byte[] payload) {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
