package org.carbonkiosk.provisioning.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.carbonkiosk.client.CollectorAnswer;
import org.carbonkiosk.client.RetryPolicy;
import org.carbonkiosk.provisioning.ExitCodes;
import org.carbonkiosk.provisioning.ProvisionException;
import org.junit.jupiter.api.Test;

class CollectorClientTest {
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1),
            Duration.ofSeconds(1));

    @Test
    void post_serverErrorThenSuccess_retriedAndSucceeds() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        List<String> authorizations = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/devices", exchange -> {
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            int status = calls.incrementAndGet() == 1 ? 503 : 201;
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            CollectorClient client = new CollectorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                    Optional.of("tech-token-123"), FAST);

            CollectorAnswer answer = client.post("/api/devices", "{}".getBytes(StandardCharsets.UTF_8));

            assertThat(answer.status()).isEqualTo(201);
            assertThat(calls).hasValue(2);
            assertThat(authorizations).containsOnly("Bearer tech-token-123");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void get_connectionRefused_unreachableNamingTheUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CollectorClient client = new CollectorClient(URI.create("http://127.0.0.1:" + port), Optional.empty(), FAST);

        ProvisionException e = catchThrowableOfType(() -> client.get("/health"), ProvisionException.class);

        assertThat(e.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(e.getMessage()).contains("http://127.0.0.1:" + port).contains("connection refused")
                .contains("tried 3 times");
    }

    @Test
    void get_serverAcceptsButNeverAnswers_unreachableSaysTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            CollectorClient client = new CollectorClient(URI.create("http://127.0.0.1:" + silent.getLocalPort()),
                    Optional.empty(), new RetryPolicy(2, Duration.ofMillis(10), Duration.ofSeconds(1), Duration.ofMillis(300)));

            ProvisionException e = catchThrowableOfType(() -> client.get("/health"), ProvisionException.class);

            assertThat(e.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(e.getMessage()).contains("(timeout)").contains("tried 2 times");
        }
    }

    @Test
    void construct_tokenWithLineBreak_refusedWithoutEchoingIt() {
        ProvisionException e = catchThrowableOfType(() -> new CollectorClient(URI.create("http://127.0.0.1:1"),
                Optional.of("secret\nX-Evil: 1"), FAST), ProvisionException.class);

        assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(e.getMessage()).doesNotContain("secret");
    }

    @Test
    void parseBaseUrl_trailingSlashDropped_otherSchemesRefused() {
        assertThat(CollectorClient.parseBaseUrl("http://collector:8080/", "--collector").toString())
                .isEqualTo("http://collector:8080");
        ProvisionException e = catchThrowableOfType(() -> CollectorClient.parseBaseUrl("ftp://x", "--collector"),
                ProvisionException.class);
        assertThat(e.getMessage()).contains("--collector");
    }
}
