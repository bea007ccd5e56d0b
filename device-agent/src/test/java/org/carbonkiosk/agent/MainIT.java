package org.carbonkiosk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carbonkiosk.agent.support.TestKiosks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Main} as a process: --config, the loopback control console, SIGTERM, refusals with exit codes. */
class MainIT {
    @TempDir
    Path dir;
    private Process process;
    private final StringBuilder output = new StringBuilder();

    @AfterEach
    void tearDown() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
        }
    }

    private Path config(Properties props) throws IOException {
        Path file = dir.resolve("agent.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, null);
        }
        return file;
    }

    private void launch(Path config) throws IOException {
        process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--config",
                config.toString())).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
    }

    private String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Test
    void main_simulatedKiosk_depositThroughLoopbackConsoleThenGracefulStop() throws Exception {
        TestKiosks.Provisioned p = TestKiosks.provision(dir);
        Properties props = TestKiosks.fastProperties("IT-MAIN-0001", p, "tcp://127.0.0.1:9");
        props.setProperty("console.port", "0");
        props.setProperty("console.stdin", "false");
        launch(config(props));

        await().atMost(Duration.ofSeconds(60)).until(() -> output().contains("control console listening"));
        Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(output());
        assertThat(m.find()).isTrue();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(m.group(1)));
             PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))) {
            out.println("tap 04deadbeef");
            assertThat(in.readLine()).isEqualTo("ok: card tapped");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                out.println("status");
                return in.readLine().contains("unlocked=true");
            });
            out.println("add 700");
            in.readLine();
            out.println("close");
            in.readLine();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                out.println("status");
                return in.readLine().contains("lastSeq=1");
            });
        }

        // SIGTERM through the handle: Process.destroy() would also close our end of its output.
        assertThat(process.toHandle().destroy()).isTrue();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(10)).alias("graceful stop in:\n" + output() + "\nexit " + process.exitValue())
                .until(() -> output().contains("agent stopped deviceId=IT-MAIN-0001"));
        assertThat(output())
                .contains("Recorded +700 g").doesNotContain("deadbeef");
    }

    @Test
    void main_keyReadableByOthers_exitCode3NamingTheFile() throws Exception {
        TestKiosks.Provisioned p = TestKiosks.provision(dir);
        Files.setPosixFilePermissions(p.identityDir().resolve("device-key-1.pem"),
                PosixFilePermissions.fromString("rw-r--r--"));
        launch(config(TestKiosks.fastProperties("IT-MAIN-0002", p, "tcp://127.0.0.1:9")));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(3);
        assertThat(output()).contains("device-key-1.pem").contains("chmod 600");
    }

    @Test
    void main_badConfig_exitCode2NamingTheKey() throws Exception {
        TestKiosks.Provisioned p = TestKiosks.provision(dir);
        Properties props = TestKiosks.fastProperties("IT-MAIN-0003", p, "tcp://127.0.0.1:9");
        props.setProperty("session.settleCount", "zero");
        launch(config(props));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output()).contains("session.settleCount");
    }
}
