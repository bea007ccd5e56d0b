package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.collector.api.ApiTokens;
import org.junit.jupiter.api.Test;

/** Tokens are stored hashed, revoked tokens stop at once, and every write leaves an audit line without personal data. */
class TokensAndAuditIT {

    @Test
    void createdToken_isStoredOnlyAsItsSha256() throws SQLException {
        try (Fixture f = new Fixture()) {
            String token = create(f, "Hongshan office", "operator");
            List<String> rows = rows(f, "SELECT * FROM api_tokens");
            assertThat(rows).hasSize(1);
            assertThat(rows.get(0)).doesNotContain(token).contains(ApiTokens.sha256(token))
                    .contains("Hongshan office");
            JsonNode list = ApiAccessIT.json(send(f, "GET", "/api/tokens", null, f.app.adminToken()));
            assertThat(list.toString()).doesNotContain(token).doesNotContain(ApiTokens.sha256(token));
        }
    }

    @Test
    void revokedToken_isRefusedAtOnce() {
        try (Fixture f = new Fixture()) {
            String token = create(f, "old tablet", "viewer");
            assertThat(send(f, "GET", "/api/devices", null, token).statusCode()).isEqualTo(200);
            long id = ApiAccessIT.json(send(f, "GET", "/api/tokens", null, f.app.adminToken())).get(0).get("id").asLong();
            assertThat(send(f, "POST", "/api/tokens/" + id + "/revoke", "{}", f.app.adminToken()).statusCode())
                    .isEqualTo(200);
            assertThat(send(f, "GET", "/api/devices", null, token).statusCode()).isEqualTo(401);
            assertThat(send(f, "POST", "/api/tokens/" + id + "/revoke", "{}", f.app.adminToken()).statusCode())
                    .isEqualTo(404);
        }
    }

    @Test
    void writes_leaveAuditLinesWithWhoWhatWhenOutcome_butNoCardOrToken() throws SQLException {
        try (Fixture f = new Fixture()) {
            String operator = create(f, "Hongshan office", "operator");
            String viewer = create(f, "wall screen", "viewer");
            String card = TestKiosk.card("audited");
            assertThat(send(f, "PUT", "/api/cards/" + card, "{\"account\":\"acct-audit-7\"}", operator).statusCode())
                    .isEqualTo(200);
            assertThat(send(f, "POST", "/api/cards/" + card + "/block", "{}", viewer).statusCode()).isEqualTo(403);
            assertThat(send(f, "POST", "/api/events/NOPE-0001:9/review", "{\"approve\":true}", operator).statusCode())
                    .isEqualTo(404);
            assertThat(send(f, "GET", "/api/cards/" + card, null, viewer).statusCode()).isEqualTo(200);

            JsonNode audit = ApiAccessIT.json(send(f, "GET", "/api/audit", null, f.app.adminToken()));
            List<String> lines = new ArrayList<>();
            audit.forEach(l -> lines.add(l.get("who").asText() + "|" + l.get("role").asText() + "|"
                    + l.get("action").asText() + "|" + l.get("target").asText() + "|" + l.get("status").asInt()
                    + "|" + l.get("outcome").asText()));
            assertThat(lines).contains(
                    "Hongshan office|operator|PUT /api/cards/{}|null|200|ok",
                    "wall screen|viewer|POST /api/cards/{}/block|null|403|forbidden",
                    "Hongshan office|operator|POST /api/events/{}/review|NOPE-0001:9|404|not-found",
                    "bootstrap admin|admin|POST /api/tokens|1|201|ok");
            assertThat(lines).noneMatch(l -> l.contains("GET "));
            assertThat(audit.get(0).get("at").asText()).isNotBlank();
            String table = String.join("\n", rows(f, "SELECT * FROM audit_log"));
            assertThat(table).doesNotContain(card).doesNotContain("acct-audit-7").doesNotContain(operator)
                    .doesNotContain(viewer).doesNotContain(f.app.adminToken());
        }
    }

    @Test
    void health_withoutToken_saysOnlyUpOrDown_andMetricsNeedAToken() {
        try (Fixture f = new Fixture()) {
            JsonNode open = ApiAccessIT.json(send(f, "GET", "/health", null, null));
            assertThat(open.size()).isEqualTo(1);
            assertThat(open.get("status").asText()).isEqualTo("up");
            assertThat(ApiAccessIT.json(send(f, "GET", "/health", null, f.app.adminToken())).has("ledger")).isTrue();
            assertThat(send(f, "GET", "/metrics", null, null).statusCode()).isEqualTo(401);
        }
    }

    @Test
    void metrics_openedByConfiguration_answerWithoutToken() {
        try (Fixture f = new Fixture(Map.of("http.metricsOpen", "true"))) {
            HttpResponse<String> r = send(f, "GET", "/metrics", null, null);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("kiosk_ledger_backlog");
            assertThat(send(f, "GET", "/api/devices", null, null).statusCode()).isEqualTo(401);
        }
    }

    static String create(Fixture f, String name, String role) {
        HttpResponse<String> r = send(f, "POST", "/api/tokens", "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}",
                f.app.adminToken());
        assertThat(r.statusCode()).isEqualTo(201);
        return ApiAccessIT.json(r).get("token").asText();
    }

    static HttpResponse<String> send(Fixture f, String method, String path, String body, String token) {
        return ApiAccessIT.sendTo(f.app.httpPort(), new ApiAccessIT.Case(method, path, body, null), token);
    }

    static List<String> rows(Fixture f, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(f.config.store().effectiveDbUrl());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getString(i)).append('|');
                }
                rows.add(b.toString());
            }
        }
        return rows;
    }
}
