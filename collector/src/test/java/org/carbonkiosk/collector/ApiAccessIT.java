package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API route with no token, a wrong token and each role (PROTOCOL.md section 6): 401 for a
 * missing or unknown token, 403 for a token without the role, and through for one with it.
 */
class ApiAccessIT {
    /** A route, a request that reaches it, and the least role that may call it (null: open). */
    record Case(String method, String path, String body, String role) {
        @Override
        public String toString() {
            return method + " " + path + " (" + (role == null ? "open" : role) + ")";
        }
    }

    private static final String CARD = TestKiosk.card("access");
    private static final List<Case> CASES = List.of(
            new Case("GET", "/health", null, null),
            new Case("GET", "/metrics", null, "viewer"),
            new Case("GET", "/api/devices", null, "viewer"),
            new Case("GET", "/api/devices/NOPE-0001", null, "viewer"),
            new Case("POST", "/api/devices", "{}", "admin"),
            new Case("POST", "/api/devices/NOPE-0001/keys", "{}", "admin"),
            new Case("POST", "/api/devices/NOPE-0001/revoke", "{}", "admin"),
            new Case("GET", "/api/cards/" + CARD, null, "viewer"),
            new Case("PUT", "/api/cards/" + CARD, "{}", "operator"),
            new Case("POST", "/api/cards/" + CARD + "/block", "{}", "operator"),
            new Case("GET", "/api/events/NOPE-0001:1", null, "viewer"),
            new Case("POST", "/api/events/NOPE-0001:1/review", "{}", "operator"),
            new Case("GET", "/api/events/NOPE-0001:1/reviews", null, "viewer"),
            new Case("GET", "/api/accounts/acct-1/months/2026-11", null, "viewer"),
            new Case("GET", "/api/rejections", null, "viewer"),
            new Case("GET", "/api/ledger/dead-letters", null, "viewer"),
            new Case("POST", "/api/ledger/dead-letters/NOPE-0001:1/retry", "{}", "operator"),
            new Case("GET", "/api/tokens", null, "admin"),
            new Case("POST", "/api/tokens", "{}", "admin"),
            new Case("POST", "/api/tokens/999999/revoke", "{}", "admin"),
            new Case("GET", "/api/audit", null, "admin"));
    private static final List<String> ROLES = List.of("viewer", "operator", "admin");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Fixture fixture;
    private static Map<String, String> tokens;

    @BeforeAll
    static void start() {
        fixture = new Fixture();
        tokens = Map.of("viewer", create("viewer"), "operator", create("operator"), "admin", create("admin"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Stream<Case> cases() {
        return CASES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void route_withoutTokenWrongTokenAndEachRole(Case c) {
        if (c.role() == null) {
            assertThat(send(c, null).statusCode()).isEqualTo(200);
            return;
        }
        HttpResponse<String> none = send(c, null);
        assertThat(none.statusCode()).as("no token").isEqualTo(401);
        assertThat(json(none).get("error").asText()).isEqualTo("unauthorized");
        assertThat(send(c, "ck_not-a-token-anyone-was-given-0000000000000").statusCode()).as("wrong token")
                .isEqualTo(401);
        int needed = ROLES.indexOf(c.role());
        for (int i = 0; i < ROLES.size(); i++) {
            HttpResponse<String> r = send(c, tokens.get(ROLES.get(i)));
            if (i < needed) {
                assertThat(r.statusCode()).as(ROLES.get(i)).isEqualTo(403);
                assertThat(json(r).get("error").asText()).isEqualTo("forbidden");
                assertThat(json(r).get("message").asText()).contains(c.role());
            } else {
                assertThat(r.statusCode()).as(ROLES.get(i) + ": " + r.body()).isNotIn(401, 403);
            }
        }
        assertThat(send(c, fixture.app.adminToken()).statusCode()).as("bootstrap admin").isNotIn(401, 403);
    }

    private static String create(String role) {
        HttpResponse<String> r = send(new Case("POST", "/api/tokens",
                "{\"name\":\"access " + role + "\",\"role\":\"" + role + "\"}", "admin"), fixture.app.adminToken());
        assertThat(r.statusCode()).isEqualTo(201);
        return json(r).get("token").asText();
    }

    static HttpResponse<String> send(Case c, String token) {
        return sendTo(fixture.app.httpPort(), c, token);
    }

    static HttpResponse<String> sendTo(int port, Case c, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path()))
                .method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(c.body()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return org.carbonkiosk.protocol.json.StrictJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(r.body(), e);
        }
    }
}
