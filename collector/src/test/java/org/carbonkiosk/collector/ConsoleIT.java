package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.carbonkiosk.protocol.event.DepositEvent;
import org.carbonkiosk.protocol.json.StrictJson;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.junit.jupiter.api.Test;

/**
 * The console over plain HTTP (the browser test does the same in Chromium): sign-in and session
 * cookies, CSRF on every change, roles enforced by the server, escaping, the language.
 */
class ConsoleIT {
    private static final String XSS = "<img src=x onerror=alert(1)>";

    @Test
    void signIn_setsAStrictHttpOnlySession_pagesRenderWithCsp_signOutEndsIt() {
        try (Fixture f = new Fixture()) {
            ConsoleClient b = new ConsoleClient(f.app);
            HttpResponse<String> first = b.get("/");
            assertThat(first.statusCode()).isEqualTo(303);
            assertThat(first.headers().firstValue("Location")).hasValue("/login");
            HttpResponse<String> in = b.signIn(f.app.adminToken());
            assertThat(in.statusCode()).isEqualTo(303);
            assertThat(in.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                    .startsWith("kiosk_session=").contains("HttpOnly").contains("SameSite=Strict")
                    .doesNotContain("Secure"));
            for (String page : new String[] {"/", "/kiosks", "/held", "/dead-letters", "/cards"}) {
                HttpResponse<String> r = b.get(page);
                assertThat(r.statusCode()).as(page).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                        v -> assertThat(v).contains("script-src 'self'").contains("frame-ancestors 'none'"));
                assertThat(r.body()).doesNotContain("<script").doesNotContain(" style=").doesNotContain(f.app.adminToken());
            }
            String csrf = ConsoleClient.csrf(b.get("/").body());
            assertThat(b.post("/logout", Map.of("csrf", csrf)).statusCode()).isEqualTo(303);
            assertThat(b.get("/").statusCode()).isEqualTo(303);
        }
    }

    @Test
    void signIn_withAnUnknownTokenOrWithoutTheFormsCsrf_isRefused() {
        try (Fixture f = new Fixture()) {
            ConsoleClient b = new ConsoleClient(f.app);
            assertThat(b.signIn("ck_nobody-has-this-token-000000000000000000").statusCode()).isEqualTo(401);
            b.get("/login");
            assertThat(b.post("/login", Map.of("csrf", "forged", "token", f.app.adminToken())).statusCode())
                    .isEqualTo(403);
            assertThat(b.cookies).doesNotContainKey("kiosk_session");
        }
    }

    @Test
    void locationWithMarkup_showsAsText() {
        try (Fixture f = new Fixture()) {
            ObjectNode body = StrictJson.newObject();
            body.put("deviceId", "XSS-0001");
            body.put("kioskType", "recycling-box");
            body.set("publicKey", org.carbonkiosk.protocol.jws.Ed25519KeyPair.generate().publicJwk().toJson());
            body.put("location", XSS);
            assertThat(f.api.post("/api/devices", body).status()).isEqualTo(201);
            ConsoleClient b = new ConsoleClient(f.app);
            b.signIn(f.app.adminToken());
            for (String page : new String[] {"/kiosks", "/kiosks/XSS-0001", "/kiosks?q=%3Cimg"}) {
                String html = b.get(page).body();
                assertThat(html).as(page).doesNotContain(XSS).contains("&lt;img src=x onerror=alert(1)&gt;");
            }
        }
    }

    @Test
    void viewer_seesNoReviewControls_andTheServerRefusesItsPost_operatorApprovesWithCsrfOnly() {
        try (Fixture f = new Fixture(); TestKiosk k = f.kiosk("CON")) {
            String card = f.boundCard("console-" + k.deviceId, "acct-console");
            DepositEvent heavy = k.deposit(card, 40_000, Fixture.NOW);
            k.send(heavy);
            assertThat(Fixture.awaitReceipt(k, heavy.eventId()).status()).isEqualTo(DecisionStatus.HELD);
            String viewerToken = TokensAndAuditIT.create(f, "wall screen", "viewer");
            String operatorToken = TokensAndAuditIT.create(f, "Hongshan office", "operator");
            String action = "/held/" + heavy.eventId().replace(":", "%3A");

            ConsoleClient viewer = new ConsoleClient(f.app);
            viewer.signIn(viewerToken);
            String held = viewer.get("/held").body();
            assertThat(held).contains(heavy.eventId()).contains("net 40000 g").doesNotContain("class=\"approve\"")
                    .doesNotContain("action=\"" + action);
            HttpResponse<String> forged = viewer.post(action, Map.of("csrf", ConsoleClient.csrf(held),
                    "action", "approve"));
            assertThat(forged.statusCode()).isEqualTo(403);
            assertThat(f.api.get("/api/events/" + heavy.eventId()).json().get("status").asText()).isEqualTo("held");

            ConsoleClient operator = new ConsoleClient(f.app);
            operator.signIn(operatorToken);
            String page = operator.get("/held").body();
            assertThat(page).contains("class=\"approve\"");
            assertThat(operator.post(action, Map.of("action", "approve")).statusCode()).isEqualTo(403);
            HttpResponse<String> approved = operator.post(action, Map.of("csrf", ConsoleClient.csrf(page),
                    "action", "approve", "note", "checked <b>on site</b>"));
            assertThat(approved.statusCode()).isEqualTo(303);
            await().atMost(Duration.ofSeconds(10)).until(() -> k.receipt(heavy.eventId())
                    .filter(r -> r.status() == DecisionStatus.CREDITED).isPresent());
            var reviews = f.api.get("/api/events/" + heavy.eventId() + "/reviews").json();
            assertThat(reviews.get(0).get("reviewer").asText()).isEqualTo("Hongshan office");
            assertThat(reviews.get(0).get("note").asText()).isEqualTo("checked <b>on site</b>");
            assertThat(operator.get("/held").body()).contains("checked &lt;b&gt;on site&lt;/b&gt;")
                    .contains("1500 g credited");
        }
    }

    @Test
    void deadLetter_isListed_andRetriedFromTheConsole() throws Exception {
        try (TestLedger ledger = new TestLedger();
             Fixture f = new Fixture(Map.of("ledger.url", ledger.url(), "ledger.timeout", "2s",
                     "ledger.backoffInitial", "100ms", "ledger.backoffMax", "400ms"));
             TestKiosk k = f.kiosk("DLC")) {
            String card = f.boundCard("dead-console-" + k.deviceId, "acct-dead-console");
            DepositEvent d = k.deposit(card, 820, Fixture.NOW);
            ledger.refuse.add(d.eventId());
            k.send(d);
            Fixture.awaitReceipt(k, d.eventId());
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    f.api.get("/api/ledger/dead-letters").json().toString().contains(d.eventId()));
            ConsoleClient b = new ConsoleClient(f.app);
            b.signIn(f.app.adminToken());
            String page = b.get("/dead-letters").body();
            assertThat(page).contains(d.eventId()).contains("Retry");
            ledger.refuse.remove(d.eventId());
            HttpResponse<String> retried = b.post("/dead-letters/" + d.eventId().replace(":", "%3A") + "/retry",
                    Map.of("csrf", ConsoleClient.csrf(page)));
            assertThat(retried.statusCode()).isEqualTo(303);
            await().atMost(Duration.ofSeconds(20)).until(() -> ledger.credits.containsKey(d.eventId()));
            assertThat(b.get("/dead-letters").body()).contains("queued for the ledger again");
        }
    }

    @Test
    void auditPage_isForAdminsOnly_andShowsTheConsolesWrites() {
        try (Fixture f = new Fixture()) {
            String operatorToken = TokensAndAuditIT.create(f, "Hongshan office", "operator");
            ConsoleClient operator = new ConsoleClient(f.app);
            operator.signIn(operatorToken);
            String cards = operator.get("/cards?card=" + TestKiosk.card("audit-page")).body();
            assertThat(cards).doesNotContain("href=\"/audit\"");
            HttpResponse<String> bound = operator.post("/cards/" + TestKiosk.card("audit-page") + "/bind",
                    Map.of("csrf", ConsoleClient.csrf(cards), "account", "acct-audit-page"));
            assertThat(bound.statusCode()).isEqualTo(303);
            assertThat(operator.get("/audit").statusCode()).isEqualTo(403);

            ConsoleClient admin = new ConsoleClient(f.app);
            admin.signIn(f.app.adminToken());
            String audit = admin.get("/audit").body();
            assertThat(audit).contains("href=\"/audit\"").contains("Hongshan office")
                    .contains("PUT /api/cards/{}").doesNotContain(TestKiosk.card("audit-page"))
                    .doesNotContain("acct-audit-page");
        }
    }

    @Test
    void language_followsTheBrowser_andTheSwitchInThePage() {
        try (Fixture f = new Fixture()) {
            ConsoleClient b = new ConsoleClient(f.app);
            b.language = "zh-CN,zh;q=0.9,en;q=0.8";
            assertThat(b.get("/login").body()).contains("<html lang=\"zh-CN\"").contains("登录");
            HttpResponse<String> toEnglish = b.get("/lang?to=en&back=/login");
            assertThat(toEnglish.headers().firstValue("Location")).hasValue("/login");
            assertThat(b.get("/login").body()).contains("<html lang=\"en\"").contains("Sign in");
            assertThat(b.get("/lang?to=zh&back=//evil.example/").headers().firstValue("Location")).hasValue("/");
        }
    }
}
