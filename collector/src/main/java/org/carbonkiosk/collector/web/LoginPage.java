package org.carbonkiosk.collector.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.carbonkiosk.collector.api.ApiTokens;
import org.carbonkiosk.collector.api.Caller;
import org.carbonkiosk.collector.api.Response;
import org.tinylog.Logger;

/**
 * {@code /login}: sign-in with an API token, then a session cookie. The form carries a CSRF value
 * that must equal a pre-sign-in cookie (HttpOnly, SameSite=Strict), so no other site can sign a
 * browser in.
 */
final class LoginPage {
    private final ApiTokens tokens;
    private final Sessions sessions;
    private final Cookies cookies;

    LoginPage(ApiTokens tokens, Sessions sessions, Cookies cookies) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.cookies = cookies;
    }

    Response form(Ctx x, int status, Optional<String> error) {
        String pre = Optional.ofNullable(Cookies.of(x.request()).get(Cookies.PRE_LOGIN))
                .filter(v -> v.matches("[A-Za-z0-9_-]{43}")).orElseGet(Sessions::random);
        Html h = new Html();
        error.ifPresent(e -> h.el("p", "class=\"flash error\" role=\"alert\" id=\"login-error\"", e));
        h.raw("<form method=\"post\" action=\"/login\" class=\"login\">").hidden("csrf", pre)
                .raw("<label for=\"token\">").text(x.t("login.token")).raw("</label>")
                .raw("<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\""
                        + " required autofocus>")
                .raw("<button type=\"submit\" id=\"sign-in\">").text(x.t("login.submit")).raw("</button></form>")
                .el("p", "class=\"note\"", x.t("login.help"));
        return Layout.page(x, status, x.t("login.title"), "/login", false, h.toString())
                .withHeader("Set-Cookie", cookies.set(Cookies.PRE_LOGIN, pre, 3600));
    }

    Response submit(Ctx x) {
        Map<String, String> form = Forms.of(x.request());
        String pre = Cookies.of(x.request()).get(Cookies.PRE_LOGIN);
        String given = form.get("csrf");
        if (pre == null || given == null || !MessageDigest.isEqual(pre.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII))) {
            return form(x, 403, Optional.of(x.t("login.expired")));
        }
        Optional<Caller> caller = tokens.authenticateToken(form.getOrDefault("token", "").strip());
        if (caller.isEmpty()) {
            Logger.info("console: a sign-in with an unknown token was refused");
            return form(x, 401, Optional.of(x.t("login.unknown")));
        }
        Sessions.Session s = sessions.create(caller.get());
        Logger.info("console: {} ({}) signed in", caller.get().name(), caller.get().role().wire());
        return Response.redirect("/").withHeader("Set-Cookie", cookies.set(Cookies.SESSION, s.id, -1))
                .withHeader("Set-Cookie", cookies.clear(Cookies.PRE_LOGIN));
    }
}
