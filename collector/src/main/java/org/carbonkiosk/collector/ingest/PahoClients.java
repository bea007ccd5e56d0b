package org.carbonkiosk.collector.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.collector.tls.TlsFiles;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.tinylog.Logger;

/** Building and first connecting the collector's two Paho MQTT 5 clients. */
final class PahoClients {
    private PahoClients() {
    }

    static MqttAsyncClient create(String url, String clientId) {
        try {
            return new MqttAsyncClient(url, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalArgumentException("mqtt.url: " + e.getMessage(), e);
        }
    }

    /** Options shared by both connections; automatic reconnect after the first connect. */
    static MqttConnectionOptions options(MqttSettings s) {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 30);
        o.setKeepAliveInterval(30);
        o.setConnectionTimeout(10);
        o.setMaximumPacketSize((long) s.maxPacketBytes());
        if (!s.username().isEmpty()) {
            o.setUserName(s.username());
            o.setPassword(s.password().getBytes(StandardCharsets.UTF_8));
        }
        if (s.tls().configured()) {
            o.setSocketFactory(socketFactory(s.tls()));
        }
        return o;
    }

    /**
     * TLS trusting the fleet CA (or the JVM's trust store) and presenting the client certificate
     * when one is set. Paho checks the broker's host name against its certificate (HTTPS rules).
     */
    static SSLSocketFactory socketFactory(MqttTls tls) {
        try {
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(tls.caFile().isPresent() ? TlsFiles.trustStore(tls.caFile().get(), "mqtt.tls.caFile") : null);
            KeyManager[] keys = null;
            if (tls.certFile().isPresent()) {
                char[] password = new char[0];
                KeyManagerFactory km = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                km.init(TlsFiles.fromPem(tls.certFile().get(), "mqtt.tls.certFile", tls.keyFile().orElseThrow(),
                        "mqtt.tls.keyFile", password), password);
                keys = km.getKeyManagers();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException("mqtt.tls.caFile", "cannot load the MQTT TLS files: " + e.getMessage());
        }
    }

    /**
     * Connects, waiting up to {@code wait}; when the broker is not there yet, keeps trying in the
     * background (1 s doubling to 30 s) until the first connect succeeds. After that, Paho's
     * automatic reconnect takes over.
     */
    static void connect(MqttAsyncClient client, MqttConnectionOptions options, Duration wait, BooleanSupplier running,
                        String what) {
        if (tryConnect(client, options, wait)) {
            return;
        }
        Logger.warn("{}: broker {} not reachable yet; connecting in the background", what, client.getServerURI());
        Thread t = new Thread(() -> {
            long delayMs = 1000;
            while (running.getAsBoolean() && !client.isConnected()) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    return;
                }
                if (tryConnect(client, options, Duration.ofSeconds(10))) {
                    return;
                }
                delayMs = Math.min(delayMs * 2, 30_000);
            }
        }, what + "-connect");
        t.setDaemon(true);
        t.start();
    }

    private static boolean tryConnect(MqttAsyncClient client, MqttConnectionOptions options, Duration wait) {
        try {
            client.connect(options).waitForCompletion(wait.toMillis());
            return client.isConnected();
        } catch (MqttException e) {
            Logger.debug("connect to {} failed: {}", client.getServerURI(), e.getMessage());
            return false;
        }
    }
}
