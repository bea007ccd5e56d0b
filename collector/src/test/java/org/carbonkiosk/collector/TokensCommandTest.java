package org.carbonkiosk.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.carbonkiosk.collector.api.AdminToken;
import org.carbonkiosk.collector.api.ApiTokens;
import org.carbonkiosk.collector.api.Role;
import org.carbonkiosk.collector.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokens create|list|revoke} against the database of the collector's configuration. */
class TokensCommandTest {
    @TempDir
    Path dir;

    @Test
    void create_printsTheTokenOnce_listShowsNoValue_revokeStopsIt() throws Exception {
        Path config = dir.resolve("collector.properties");
        Files.writeString(config, "data.dir=" + dir.resolve("data").toString().replace("\\", "/") + "\n");
        String created = run(0, "create", "--role", "operator", "--name", "Hongshan office", "--config", config.toString());
        String token = created.lines().filter(l -> l.startsWith("ck_")).findFirst().orElseThrow();
        assertThat(created).contains("operator").contains("Hongshan office").contains("only time");

        String list = run(0, "list", "--config", config.toString());
        assertThat(list).contains("Hongshan office").contains("operator").doesNotContain(token)
                .doesNotContain(ApiTokens.sha256(token));

        try (Store store = Store.open(CollectorConfig.load(Optional.of(config), java.util.Map.of()).store().effectiveDbUrl(), 2)) {
            ApiTokens tokens = new ApiTokens(store.db(), null, Clock.systemUTC());
            assertThat(tokens.authenticate("Bearer " + token)).hasValueSatisfying(c -> {
                assertThat(c.role()).isEqualTo(Role.OPERATOR);
                assertThat(c.name()).isEqualTo("Hongshan office");
            });
            long id = tokens.list().get(0).id();
            assertThat(run(0, "revoke", String.valueOf(id), "--config", config.toString())).contains("revoked");
            assertThat(tokens.authenticate("Bearer " + token)).isEmpty();
        }
        run(1, "revoke", "424242", "--config", config.toString());
    }

    @Test
    void create_withAnUnknownRole_fails() {
        run(2, "create", "--role", "boss", "--name", "x", "--config", dir.resolve("none.properties").toString());
    }

    @Test
    void bootstrapAdminToken_authenticatesAsAdmin_andAWrongOneDoesNot() throws Exception {
        try (Store store = Store.open("jdbc:sqlite:" + dir.resolve("t.db"), 2)) {
            ApiTokens tokens = new ApiTokens(store.db(), AdminToken.resolve("0123456789abcdef-bootstrap", dir),
                    Clock.systemUTC());
            assertThat(tokens.authenticate("Bearer 0123456789abcdef-bootstrap")).hasValueSatisfying(
                    c -> assertThat(c.role()).isEqualTo(Role.ADMIN));
            assertThat(tokens.authenticate("Bearer 0123456789abcdef-bootstrapX")).isEmpty();
            assertThat(tokens.authenticate("0123456789abcdef-bootstrap")).isEmpty();
            assertThat(tokens.authenticate(null)).isEmpty();
        }
    }

    private static String run(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = TokensCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(status).as(text).isEqualTo(expectedStatus);
        return text;
    }
}
