package org.carbonkiosk.collector.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.carbonkiosk.collector.api.ApiTokens;
import org.carbonkiosk.collector.api.Request;
import org.carbonkiosk.collector.api.Response;
import org.carbonkiosk.collector.api.Router;
import org.carbonkiosk.collector.ingest.DeviceLiveState;
import org.carbonkiosk.collector.store.ConsoleQueries;
import org.carbonkiosk.collector.store.Store;
import org.tinylog.Logger;

/**
 * The operator console at {@code /}: server-rendered pages, sign-in with an API token and a
 * session cookie, a CSRF token on every change, the reader's language (English or Chinese).
 * Changes go through the API's router as the signed-in token.
 */
public final class Console {
    private final ApiTokens tokens;
    private final Sessions sessions = new Sessions();
    private final Cookies cookies;
    private final LoginPage login;
    private final OverviewPage overview;
    private final KiosksPage kiosks;
    private final KioskPage kiosk;
    private final HeldPage held;
    private final DeadLettersPage deadLetters;
    private final CardsPage cards;
    private final AuditPage audit;
    private final Actions actions;
    private final byte[] css;

    /**
     * @param httpsOnly         the HTTP server runs TLS: cookies are {@code Secure}
     * @param calibrationMaxAge {@code rule.calibrationMaxAge}, for the calibration tile
     */
    public Console(Store store, DeviceLiveState live, ApiTokens tokens, Router router, boolean httpsOnly,
                   Duration calibrationMaxAge, Clock clock) {
        this.tokens = tokens;
        this.cookies = new Cookies(httpsOnly);
        ConsoleQueries queries = new ConsoleQueries(store.events());
        FleetView fleet = new FleetView(store, queries, live);
        ApiCalls api = new ApiCalls(router);
        this.login = new LoginPage(tokens, sessions, cookies);
        this.overview = new OverviewPage(store, queries, fleet, clock, calibrationMaxAge);
        this.kiosks = new KiosksPage(fleet, clock);
        this.kiosk = new KioskPage(store, queries, fleet, api, clock);
        this.held = new HeldPage(store, queries);
        this.deadLetters = new DeadLettersPage(store);
        this.cards = new CardsPage(api, clock);
        this.audit = new AuditPage(api);
        this.actions = new Actions(api);
        this.css = resource("console.css");
    }

    public Response handle(Request r) {
        String path = r.path();
        Messages m = Messages.of(language(r));
        if (path.equals("/static/console.css")) {
            return new Response(200, "text/css; charset=utf-8", css).withHeader("Cache-Control", "max-age=3600");
        }
        if (path.equals("/lang")) {
            String to = "zh".equals(r.query().get("to")) ? "zh" : "en";
            return Response.redirect(Forms.localPath(r.query().get("back")))
                    .withHeader("Set-Cookie", cookies.set(Cookies.LANGUAGE, to, 365L * 24 * 3600));
        }
        if (!r.method().equals("GET") && !r.method().equals("POST")) {
            return Response.text(405, "text/plain; charset=utf-8", "method not allowed");
        }
        Optional<Sessions.Session> session = session(r);
        if (path.equals("/login")) {
            Ctx x = new Ctx(r, m, null);
            return r.method().equals("POST") ? login.submit(x) : login.form(x, 200, Optional.empty());
        }
        if (session.isEmpty()) {
            return r.method().equals("GET") ? Response.redirect("/login")
                    : Response.text(403, "text/plain; charset=utf-8", "not signed in");
        }
        Ctx x = new Ctx(r, m, session.get());
        if (r.method().equals("POST")) {
            return post(x);
        }
        if (path.equals("/")) {
            return overview.render(x);
        }
        if (path.equals("/kiosks")) {
            return kiosks.render(x);
        }
        if (path.startsWith("/kiosks/")) {
            return kiosk.render(x, java.net.URLDecoder.decode(path.substring("/kiosks/".length()),
                    java.nio.charset.StandardCharsets.UTF_8));
        }
        if (path.equals("/held")) {
            return held.render(x);
        }
        if (path.equals("/dead-letters")) {
            return deadLetters.render(x);
        }
        if (path.equals("/cards")) {
            return cards.render(x);
        }
        if (path.equals("/audit")) {
            return audit.render(x);
        }
        return Layout.page(x, 404, x.t("notFound.title"), "", false, new Html().el("p", x.t("notFound.text")).toString());
    }

    private Response post(Ctx x) {
        Map<String, String> form = Forms.of(x.request());
        if (!x.session().csrfMatches(form.get("csrf"))) {
            Logger.warn("console: a POST to {} without a valid CSRF token was refused", x.request().path());
            return forbidden(x, x.t("csrf.refused"));
        }
        if (x.request().path().equals("/logout")) {
            sessions.end(x.session().id);
            Logger.info("console: {} signed out", x.caller().name());
            return Response.redirect("/login").withHeader("Set-Cookie", cookies.clear(Cookies.SESSION));
        }
        Response answer = actions.handle(x, form);
        return answer != null ? answer
                : Layout.page(x, 404, x.t("notFound.title"), "", false, new Html().el("p", x.t("notFound.text")).toString());
    }

    /** The session of the cookie, if it is live and its token still valid (a revoked token ends it). */
    private Optional<Sessions.Session> session(Request r) {
        String id = Cookies.of(r).get(Cookies.SESSION);
        Optional<Sessions.Session> s = sessions.find(id);
        if (s.isPresent() && tokens.stillValid(s.get().caller).isEmpty()) {
            sessions.end(id);
            return Optional.empty();
        }
        return s;
    }

    static Response forbidden(Ctx x, String message) {
        return Layout.page(x, 403, x.t("forbidden.title"), "", false,
                new Html().el("p", "class=\"flash error\" id=\"forbidden\"", message).toString());
    }

    private static String language(Request r) {
        String cookie = Cookies.of(r).get(Cookies.LANGUAGE);
        if ("zh".equals(cookie) || "en".equals(cookie)) {
            return cookie;
        }
        return Messages.fromAcceptLanguage(r.header("Accept-Language").orElse(null));
    }

    private static byte[] resource(String name) {
        try (InputStream in = Console.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
