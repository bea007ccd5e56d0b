package org.carbonkiosk.provisioning.mosquitto;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.carbonkiosk.agent.publish.TlsSockets;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ToolRunner;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A Mosquitto of this test's own (free loopback port, temporary directory), configured as the
 * fleet's broker: the kit's deploy/mosquitto/mosquitto.conf with test paths, a test CA, broker
 * and client certificates from deploy/mosquitto/make-test-ca.sh, and the password file and ACL
 * printed by {@code kiosk-provision mosquitto} for two kiosks and one collector.
 */
final class PrivateMosquitto implements AutoCloseable {
    static final String A = "WH-SEC-0001";
    static final String B = "WH-SEC-0002";
    static final String COLLECTOR = "collector";
    static final String PASSWORD = "a-long-mqtt-password"; // what ToolRunner.init sets for every kiosk
    static final String COLLECTOR_PASSWORD = "collector-password-for-this-test";
    private static final Path KIT = Path.of("..", "deploy", "mosquitto");

    final Path dir;
    final Path certs;
    final int port;
    private final Process process;

    /** Starts the broker; {@code requireCertificate} switches the kit's {@code require_certificate} on. */
    PrivateMosquitto(Path dir, boolean requireCertificate) throws IOException, InterruptedException {
        this.dir = Files.createDirectories(dir);
        this.certs = dir.resolve("certs");
        run("bash", KIT.resolve("make-test-ca.sh").toString(), "-d", certs.toString(), "-c", A, "-c", COLLECTOR);
        Path kiosk = Files.createDirectories(dir.resolve("kiosk"));
        Files.write(kiosk.resolve("passwd"), passwordFile(), StandardCharsets.UTF_8);
        Files.write(kiosk.resolve("acl"), acl(), StandardCharsets.UTF_8);
        Files.createDirectories(dir.resolve("data"));
        this.port = freePort();
        String conf = Files.readString(KIT.resolve("mosquitto.conf"))
                .replace("\nlistener 8883\n", "\nlistener " + port + " 127.0.0.1\n")
                .replace("/etc/mosquitto/", dir + "/")
                .replace("persistence_location /var/lib/mosquitto/", "persistence_location " + dir.resolve("data") + "/")
                .replace("\nrequire_certificate false\n", "\nrequire_certificate " + requireCertificate + "\n")
                + "\nuser " + System.getProperty("user.name") + "\n";
        Path confFile = dir.resolve("mosquitto.conf");
        Files.writeString(confFile, conf);
        this.process = new ProcessBuilder("mosquitto", "-c", confFile.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("broker.log").toFile()).start();
        awaitListening();
    }

    private List<String> passwordFile() {
        List<String> lines = new ArrayList<>();
        for (String kiosk : List.of(A, B)) {
            lines.addAll(tool(kiosk, "--only", "password").lines().toList());
        }
        for (String user : List.of(COLLECTOR, COLLECTOR + MosquittoCommand.COLLECTOR_RECEIPT_SUFFIX)) {
            lines.add(user + ":" + MosquittoPassword.hash(COLLECTOR_PASSWORD.toCharArray())); // as mosquitto_passwd
        }
        return lines;
    }

    private List<String> acl() {
        List<String> lines = new ArrayList<>();
        for (String kiosk : List.of(A, B)) {
            lines.addAll(tool(kiosk, "--only", "acl").lines().toList());
        }
        lines.addAll(tool(null, "--only", "collector", "--collector-user", COLLECTOR).lines().toList());
        return lines;
    }

    /** {@code kiosk-provision mosquitto ...} for an initialised kiosk (or none), its output. */
    private String tool(String deviceId, String... args) {
        ToolRunner runner = new ToolRunner(dir.resolve("tool-" + (deviceId == null ? "none" : deviceId)));
        List<String> command = new ArrayList<>(List.of("mosquitto"));
        if (deviceId != null) {
            runner.init(deviceId);
            command.addAll(List.of("--config", runner.config().toString()));
        }
        command.addAll(List.of(args));
        ToolRunner.Result r = runner.run(command.toArray(String[]::new));
        if (r.exitCode() != ExitCodes.OK) {
            throw new IllegalStateException("kiosk-provision mosquitto failed: " + r.all());
        }
        return r.out();
    }

    String url() {
        return "ssl://localhost:" + port;
    }

    Path ca() {
        return certs.resolve("kiosk-ca.pem");
    }

    /** A connected MQTT 3.1.1 client over TLS (the kiosks' protocol), as {@code user}. */
    MqttClient connect(String clientId, String user, String password) throws MqttException, IOException {
        MqttClient client = new MqttClient(url(), clientId, new MemoryPersistence());
        client.connect(options(user, password));
        return client;
    }

    MqttConnectOptions options(String user, String password) throws IOException {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setConnectionTimeout(10);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.toCharArray());
        }
        o.setSocketFactory(TlsSockets.factory(Optional.of(ca()), Optional.empty(), Optional.empty()));
        return o;
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("broker.log"));
    }

    private void awaitListening() throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (!process.isAlive()) {
                throw new IllegalStateException("mosquitto exited: " + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (log().contains("port 1883")) {
                    throw new IllegalStateException("the kit's configuration opened port 1883: " + log());
                }
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("mosquitto not listening on " + port + ": " + log());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("make-test-ca.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + Files.readString(dir.resolve("make-test-ca.log")));
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
