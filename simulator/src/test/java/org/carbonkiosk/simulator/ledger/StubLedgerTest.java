package org.carbonkiosk.simulator.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.carbonkiosk.protocol.message.CreditRequest;
import org.carbonkiosk.simulator.AccountMonth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StubLedgerTest {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private StubLedger ledger;

    @AfterEach
    void stop() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private static CreditRequest credit(String creditId, String account, int grams, String month) {
        return new CreditRequest(creditId, account, grams, month, "2026-11-21T09:12:33.120+08:00", "WH-HS-0001",
                grams * 1000 / 1500, CreditRequest.SCENARIO, "wuhan-recycling-2025", "e30.e30.sig");
    }

    private HttpResponse<String> post(CreditRequest request, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(ledger.url() + "/v1/credits"))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", request.creditId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.encode()));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void post_sameBodyTwice_storesOnceAndAnswersTheSame() throws Exception {
        ledger = StubLedger.start(0, Optional.empty(), 1);
        CreditRequest c = credit("WH-HS-0001:1", "acct-1", 1230, "2026-11");

        HttpResponse<String> first = post(c, null);
        HttpResponse<String> second = post(c, null);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(ledger.total("acct-1", "2026-11")).isEqualTo(1230);
        assertThat(ledger.stats().duplicates()).isEqualTo(1);
        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void post_differentBodyUnderKnownCreditId_is409AndAViolation() throws Exception {
        ledger = StubLedger.start(0, Optional.empty(), 1);
        post(credit("WH-HS-0001:1", "acct-1", 1230, "2026-11"), null);

        HttpResponse<String> again = post(credit("WH-HS-0001:1", "acct-1", 1500, "2026-11"), null);

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(ledger.total("acct-1", "2026-11")).isEqualTo(1230);
        assertThat(ledger.violations()).singleElement().asString().contains("WH-HS-0001:1");
    }

    @Test
    void post_totalsPerAccountAndMonth() throws Exception {
        ledger = StubLedger.start(0, Optional.empty(), 1);
        post(credit("K-1:1", "acct-1", 1500, "2026-11"), null);
        post(credit("K-1:2", "acct-1", 900, "2026-11"), null);
        post(credit("K-1:3", "acct-1", 600, "2026-12"), null);
        post(credit("K-1:4", "acct-2", 75, "2026-11"), null);

        assertThat(ledger.totals()).containsExactly(
                java.util.Map.entry(new AccountMonth("acct-1", "2026-11"), 2400L),
                java.util.Map.entry(new AccountMonth("acct-1", "2026-12"), 600L),
                java.util.Map.entry(new AccountMonth("acct-2", "2026-11"), 75L));
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(
                URI.create(ledger.url() + "/v1/accounts/acct-1/months/2026-11")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.body()).contains("\"grams\":2400");
    }

    @Test
    void post_withTokenSet_refusesMissingOrWrongToken() throws Exception {
        ledger = StubLedger.start(0, Optional.of("s3cret"), 1);
        CreditRequest c = credit("K-1:1", "acct-1", 1500, "2026-11");

        assertThat(post(c, null).statusCode()).isEqualTo(401);
        assertThat(post(c, "wrong").statusCode()).isEqualTo(401);
        assertThat(ledger.creditCount()).isZero();
        assertThat(post(c, "s3cret").statusCode()).isEqualTo(201);
        assertThat(ledger.stats().unauthorized()).isEqualTo(2);
    }

    @Test
    void post_wrongIdempotencyKey_isRefusedAndAViolation() throws Exception {
        ledger = StubLedger.start(0, Optional.empty(), 1);
        CreditRequest c = credit("K-1:1", "acct-1", 1500, "2026-11");
        HttpRequest request = HttpRequest.newBuilder(URI.create(ledger.url() + "/v1/credits"))
                .header("Idempotency-Key", "K-1:2").POST(HttpRequest.BodyPublishers.ofByteArray(c.encode())).build();

        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
        assertThat(ledger.creditCount()).isZero();
        assertThat(ledger.violations()).hasSize(1);
    }

    @Test
    void post_errorFault_answers500WithoutStoring() throws Exception {
        ledger = StubLedger.start(0, Optional.empty(), 1);
        ledger.faults().errorRate(1.0);

        assertThat(post(credit("K-1:1", "acct-1", 1500, "2026-11"), null).statusCode()).isEqualTo(500);
        assertThat(ledger.creditCount()).isZero();
        ledger.faults().none();
        assertThat(post(credit("K-1:1", "acct-1", 1500, "2026-11"), null).statusCode()).isEqualTo(201);
        assertThat(ledger.stats().errorsInjected()).isEqualTo(1);
    }

    @Test
    void post_timeoutAfterStoreFault_storesButTheCallerSeesAFailure() throws Exception {
        ledger = StubLedger.start(0, Optional.empty(), 1);
        ledger.faults().timeoutAfterStoreRate(1.0).hangMillis(10);
        CreditRequest c = credit("K-1:1", "acct-1", 1500, "2026-11");

        assertThatThrownBy(() -> post(c, null)).isInstanceOf(IOException.class);
        assertThat(ledger.total("acct-1", "2026-11")).isEqualTo(1500);

        HttpResponse<String> resend = post(c, null);
        assertThat(resend.statusCode()).isEqualTo(201);
        assertThat(ledger.total("acct-1", "2026-11")).isEqualTo(1500);
        assertThat(ledger.stats().timeoutsInjected()).isEqualTo(1);
        assertThat(ledger.violations()).isEmpty();
    }

    @Test
    void goDown_refusesConnectionsUntilItComesUpWithItsCredits() throws Exception {
        ledger = StubLedger.start(0, Optional.empty(), 1);
        post(credit("K-1:1", "acct-1", 1500, "2026-11"), null);
        int port = ledger.port();

        ledger.goDown();
        assertThatThrownBy(() -> post(credit("K-1:2", "acct-1", 900, "2026-11"), null)).isInstanceOf(IOException.class);

        ledger.comeUp();
        assertThat(ledger.port()).isEqualTo(port);
        assertThat(post(credit("K-1:2", "acct-1", 900, "2026-11"), null).statusCode()).isEqualTo(201);
        assertThat(ledger.total("acct-1", "2026-11")).isEqualTo(2400);
    }
}
