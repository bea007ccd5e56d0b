package org.carbonkiosk.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CollectorApiTest {
    private static final RetryPolicy FAST = new RetryPolicy(2, Duration.ofMillis(5), Duration.ofSeconds(1),
            Duration.ofSeconds(2));
    private final List<String> seen = new ArrayList<>();
    private HttpServer server;

    private URI serve(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, b.length);
            exchange.getResponseBody().write(b);
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void enroll_sendsTheTypedRequestAsJsonWithTheToken() throws Exception {
        CollectorApi api = new CollectorApi(serve(201, "{}"), Optional.of("t0ken"), FAST);
        Ed25519KeyPair key = Ed25519KeyPair.generate();

        CollectorAnswer answer = api.enroll(new EnrollmentRequest("WH-HS-0001", "recycling-box", key.publicJwk(), 1,
                "Hall 3"));

        assertThat(answer.status()).isEqualTo(201);
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).startsWith("POST /api/devices Bearer t0ken {").contains("\"deviceId\":\"WH-HS-0001\"")
                .contains("\"location\":\"Hall 3\"");
    }

    @Test
    void event_answerReadAsTypedDecision() throws Exception {
        CollectorApi api = new CollectorApi(serve(200, "{\"status\":\"held\",\"reason\":\"card-unbound\","
                + "\"creditedGrams\":0}"), Optional.empty(), FAST);

        EventDecision d = api.event("WH-HS-0001:7").decision().orElseThrow();

        assertThat(d).isEqualTo(new EventDecision("held", Optional.of("card-unbound"), 0));
        assertThat(seen.get(0)).startsWith("GET /api/events/WH-HS-0001%3A7 null");
    }

    @Test
    void bindCard_putsTheAccount() throws Exception {
        CollectorApi api = new CollectorApi(serve(409, "{\"error\":\"card-bound\",\"message\":\"to another\"}"),
                Optional.empty(), FAST);

        CollectorAnswer answer = api.bindCard("c4rd", "acct-1");

        assertThat(seen).containsExactly("PUT /api/cards/c4rd null {\"account\":\"acct-1\"}");
        assertThat(answer.errorCode()).contains("card-bound");
        assertThat(answer.errorText()).isEqualTo("card-bound: to another");
    }

    @Test
    void get_nothingListening_unreachableAfterEveryAttempt() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CollectorApi api = new CollectorApi(URI.create("http://127.0.0.1:" + port), Optional.empty(), FAST);

        CollectorUnreachableException e = catchThrowableOfType(() -> api.get("/health"),
                CollectorUnreachableException.class);

        assertThat(e.attempts()).isEqualTo(2);
        assertThat(e.problem()).contains("connection refused");
        assertThat(e.getMessage()).contains("http://127.0.0.1:" + port);
    }

    @Test
    void constructor_tokenWithLineBreak_refusedWithoutEchoingIt() {
        assertThatThrownBy(() -> new CollectorApi(URI.create("http://x"), Optional.of("s3cret\nX: 1"), FAST))
                .isInstanceOf(IllegalArgumentException.class).message().doesNotContain("s3cret");
    }
}
