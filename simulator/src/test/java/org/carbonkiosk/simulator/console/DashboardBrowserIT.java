package org.carbonkiosk.simulator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.simulator.fleet.CollectorClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in headless Chromium against a small running simulation: sign in, the
 * kiosks appear, a held implausible-weight deposit is approved and reaches the stub ledger, a
 * viewer sees no approve button and a forged POST is refused, markup in a location shows as
 * text, the page switches to Chinese. Screenshots go to {@code target/screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserIT {
    static final String XSS = "<img src=x onerror=alert(1)>";
    static ConsoleFleet fleet;
    static WebDriver browser;
    static String base;
    static String operatorToken;
    static String viewerToken;
    static String approveId;
    static String rejectId;
    static String viewerId;
    static String cloneId;
    static byte[] card;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Browser.available(), "Chromium or chromedriver is absent (/usr/bin/chromium, /usr/bin/chromedriver):"
                + " the browser test is skipped; install with apt-get install chromium chromium-driver");
        fleet = ConsoleFleet.start(Files.createTempDirectory("console-it"), 3, 0);
        base = "http://127.0.0.1:" + fleet.environment().collector().httpPort();
        fleet.enrollOnly("CON-RB-0099", XSS);
        card = fleet.residentCard("acct-wuhan-0001");
        CollectorClient api = fleet.environment().api();
        // the resident walks between kiosks: ten minutes apart, no clone
        decided(api, fleet.deposit(0, card, 820));
        fleet.advance(Duration.ofMinutes(10));
        decided(api, fleet.deposit(1, card, 1200));
        fleet.advance(Duration.ofMinutes(10));
        approveId = decided(api, fleet.deposit(2, card, 35_000));
        rejectId = decided(api, fleet.deposit(2, card, 31_000));
        fleet.advance(Duration.ofMinutes(10));
        viewerId = decided(api, fleet.deposit(1, card, 33_000));
        // a copy of another resident's card, used at a second kiosk a moment later: card-clone
        byte[] copied = fleet.residentCard("acct-wuhan-0002");
        fleet.advance(Duration.ofMinutes(10));
        decided(api, fleet.deposit(0, copied, 600));
        cloneId = decided(api, fleet.deposit(2, copied, 700));
        operatorToken = token("Hongshan office", "operator");
        viewerToken = token("Wall screen", "viewer");
        browser = Browser.start("en-US", 1280, 900);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    @Test
    @Order(1)
    void signIn_showsTheOverviewOfTheRunningFleet() {
        browser.get(base + "/");
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        Browser.screenshot(browser, "01-sign-in");
        signIn(operatorToken);
        assertThat(text("#who")).contains("Hongshan office").contains("operator");
        assertThat(text("#tile-online .value")).endsWith("/ 4");
        assertThat(text("#tile-held .value")).isEqualTo("4");
        assertThat(text("#tile-calibration .value")).isEqualTo("1");
        assertThat(text("#decisions")).contains("held · implausible-weight");
        Browser.screenshot(browser, "02-overview");
    }

    @Test
    @Order(2)
    void kiosksOfTheSimulationAppear_andALocationWithMarkupShowsAsText() {
        browser.get(base + "/kiosks");
        String table = text("#kiosks");
        assertThat(table).contains("CON-RB-0001", "CON-RB-0002", "CON-RB-0003", "CON-RB-0099");
        assertThat(table).contains(XSS);
        assertThat(browser.findElements(By.cssSelector("#kiosks img"))).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(XSS);
        Browser.screenshot(browser, "03-kiosks");
        navigate(browser.findElement(By.linkText("CON-RB-0003"))::click);
        assertThat(text("#events")).contains("implausible-weight");
        Browser.screenshot(browser, "04-kiosk");
    }

    @Test
    @Order(3)
    void operatorApprovesAHeldImplausibleWeightDeposit_creditedAndForwarded() {
        browser.get(base + "/held");
        WebElement item = heldItem(approveId);
        assertThat(item.getText()).contains("implausible-weight").contains("net 35000 g").contains("CON-RB-0003");
        Browser.screenshot(browser, "05-held");
        item.findElement(By.tagName("textarea")).sendKeys("Scale checked on site: 35 kg of flattened cardboard");
        navigate(item.findElement(By.cssSelector("button.approve"))::click);
        assertThat(text("#flash")).contains(approveId).contains("approved").contains("now credited").contains("1500 g");
        var ledger = fleet.environment().ledger();
        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.credit(approveId).isPresent());
        assertThat(ledger.credit(approveId).orElseThrow().grams()).isEqualTo(1500);
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.environment().api().eventJson(approveId)
                .get("forwarded").asBoolean());

        heldItem(rejectId).findElement(By.tagName("textarea")).sendKeys("Same items weighed twice");
        navigate(heldItem(rejectId).findElement(By.cssSelector("button.reject"))::click);
        assertThat(text("#flash")).contains(rejectId).contains("rejected");
        assertThat(fleet.environment().api().event(rejectId).orElseThrow().status()).isEqualTo("rejected");
        assertThat(text("#reviews")).contains("Hongshan office").contains("Scale checked on site")
                .contains("Same items weighed twice");
        Browser.screenshot(browser, "06-held-reviewed");
    }

    @Test
    @Order(4)
    void heldCardClone_showsTheOtherKioskAndTheSecondsBetween() {
        browser.get(base + "/held");
        WebElement item = heldItem(cloneId);
        assertThat(item.getText()).contains("card-clone");
        WebElement evidence = item.findElement(By.cssSelector("li[data-signal='card-clone']"));
        assertThat(evidence.getText()).contains("CON-RB-0001").containsPattern("\\d+ s apart")
                .contains("clone window is 180 s");
        Browser.screenshot(browser, "06b-held-card-clone");
    }

    @Test
    @Order(4)
    void operatorPutsAKioskUnderReview_itsDepositIsHeld_clearingReleasesIt() throws Exception {
        browser.get(base + "/kiosks/CON-RB-0002");
        assertThat(text("#not-flagged")).contains("Not under review");
        assertThat(text("#mass-balance")).contains("No emptying recorded yet");
        assertThat(browser.findElements(By.id("record-pickup"))).hasSize(1);
        browser.findElement(By.id("flag-reason")).sendKeys("Seal on the scale housing broken");
        navigate(browser.findElement(By.id("flag"))::click);
        assertThat(text("#flash")).contains("under review");
        assertThat(text("#flagged")).contains("Seal on the scale housing broken").contains("Hongshan office");
        Browser.screenshot(browser, "06c-kiosk-under-review");
        String held = decided(fleet.environment().api(), fleet.deposit(1, card, 500));
        assertThat(fleet.environment().api().event(held).orElseThrow().reason()).contains("kiosk-flagged");
        browser.navigate().refresh();
        navigate(browser.findElement(By.id("clear-flag"))::click);
        assertThat(text("#flash")).contains("no longer under review");
        assertThat(text("#not-flagged")).contains("Not under review");
        assertThat(fleet.environment().api().event(held).orElseThrow().status()).isEqualTo("credited");
    }

    @Test
    @Order(4)
    void haulerEmptiesAKiosk_theMassBalanceShowsThePeriod_andThePickupIsRecordedFromTheForm() throws Exception {
        int removed = fleet.kiosks().get(2).emptyBin();
        await().atMost(Duration.ofSeconds(30)).until(() -> fleet.environment().api().device("CON-RB-0003")
                .get("lastSeq").asLong() >= 4);
        browser.get(base + "/kiosks/CON-RB-0003");
        assertThat(text("#mass-balance-periods")).contains(removed + " g").contains("agrees");
        browser.findElement(By.id("pickup-grams")).sendKeys(String.valueOf(removed - 150));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1]",
                browser.findElement(By.id("pickup-at")), java.time.LocalDateTime.now(Timestamps.SHANGHAI)
                        .withSecond(0).withNano(0).toString());
        browser.findElement(By.id("pickup-by")).sendKeys("Hauler 7");
        navigate(browser.findElement(By.id("record-pickup"))::click);
        assertThat(text("#flash")).contains("Pickup at kiosk CON-RB-0003 recorded");
        assertThat(text("#mass-balance-periods")).contains((removed - 150) + " g").contains("agrees");
        Browser.screenshot(browser, "06d-kiosk-mass-balance");
    }

    @Test
    @Order(5)
    void deadLettersAndCardsPages_showTheLedgerAndTheResidentsMonth() {
        browser.get(base + "/dead-letters");
        assertThat(text("#backlog")).contains("forwarded");
        Browser.screenshot(browser, "07-ledger");
        browser.get(base + "/cards");
        browser.findElement(By.id("card")).sendKeys(fleet.cardToken(card));
        navigate(browser.findElement(By.id("card"))::submit);
        assertThat(text("#card-facts")).contains("acct-wuhan-0001");
        assertThat(browser.findElements(By.id("bind-account"))).hasSize(1);
        Browser.screenshot(browser, "08-card-lookup");
        browser.findElement(By.id("account")).sendKeys("acct-wuhan-0001");
        navigate(browser.findElement(By.id("account"))::submit);
        assertThat(text("#month-facts")).contains("acct-wuhan-0001").contains("/ 4500 g");
        Browser.screenshot(browser, "08-account-month");
    }

    @Test
    @Order(6)
    void viewerSeesNoApproveButton_andAForgedPostIsRefused() throws Exception {
        navigate(browser.findElement(By.id("sign-out"))::click);
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        signIn(viewerToken);
        browser.get(base + "/held");
        assertThat(heldItem(viewerId).getText()).contains("net 33000 g");
        assertThat(browser.findElements(By.cssSelector("button.approve"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button.reject"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("form.review"))).isEmpty();
        Browser.screenshot(browser, "09-held-viewer");

        Cookie session = browser.manage().getCookieNamed("kiosk_session");
        assertThat(session.isHttpOnly()).isTrue();
        String csrf = browser.findElement(By.cssSelector("form[action='/logout'] input[name=csrf]"))
                .getDomAttribute("value");
        assertThat(forge(session.getValue(), "csrf=" + csrf + "&action=approve&note=x")).isEqualTo(403);
        assertThat(forge(session.getValue(), "action=approve")).isEqualTo(403);
        assertThat(fleet.environment().api().event(viewerId).orElseThrow().status()).isEqualTo("held");
    }

    @Test
    @Order(7)
    void languageSwitch_showsTheConsoleInChinese() {
        browser.get(base + "/");
        navigate(browser.findElement(By.id("lang"))::click);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.tagName("h1"), "总览"));
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");
        assertThat(text("#tile-held")).contains("待审核");
        Browser.screenshot(browser, "10-overview-zh");
        browser.get(base + "/held");
        assertThat(text("h1")).isEqualTo("待审核事件");
        Browser.screenshot(browser, "11-held-zh");
        navigate(browser.findElement(By.id("lang"))::click);
        assertThat(text("h1")).isEqualTo("Held events");
    }

    @Test
    @Order(8)
    void onATabletInPortrait_theKiosksTableAndHeldQueueStayReadable() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
        browser.get(base + "/kiosks");
        assertThat(browser.findElement(By.id("kiosks")).isDisplayed()).isTrue();
        Browser.screenshot(browser, "12-kiosks-tablet");
        browser.get(base + "/held");
        assertThat(heldItem(viewerId).isDisplayed()).isTrue();
        Browser.screenshot(browser, "13-held-tablet");
    }

    @Test
    @Order(9)
    void admin_seesTheAuditLogOfTheDaysChanges() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
        navigate(browser.findElement(By.id("sign-out"))::click);
        signIn(fleet.environment().collector().adminToken());
        navigate(browser.findElement(By.linkText("Audit log"))::click);
        assertThat(text("#audit")).contains("Hongshan office").contains("POST /api/events/{}/review")
                .contains(approveId).contains("Wall screen").contains("403 forbidden");
        Browser.screenshot(browser, "14-audit");
    }

    private static void signIn(String token) {
        browser.get(base + "/login");
        browser.findElement(By.id("token")).sendKeys(token);
        navigate(browser.findElement(By.id("sign-in"))::click);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("who")));
    }

    /** Does {@code action} and waits until the browser has left the current page for the next one. */
    private static void navigate(Runnable action) {
        WebElement page = browser.findElement(By.tagName("html"));
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> left(page));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    /** True once {@code page} is no longer the document (Chromium may say so with either error). */
    private static boolean left(WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (org.openqa.selenium.WebDriverException e) {
            return true;
        }
    }

    private static WebElement heldItem(String eventId) {
        return browser.findElement(By.id("held-" + eventId.replaceAll("[^A-Za-z0-9-]", "-")));
    }

    private static String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private static int forge(String sessionCookie, String form) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/held/" + viewerId.replace(":", "%3A")))
                .header("Cookie", "kiosk_session=" + sessionCookie)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static String decided(CollectorClient api, String eventId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> api.event(eventId).isPresent());
        return eventId;
    }

    private static String token(String name, String role) throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/tokens"))
                .header("Authorization", "Bearer " + fleet.environment().collector().adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}"))
                .build();
        HttpResponse<String> a = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
        assertThat(a.statusCode()).isEqualTo(201);
        return org.carbonkiosk.protocol.json.StrictJson.mapper().readTree(a.body()).get("token").asText();
    }
}
