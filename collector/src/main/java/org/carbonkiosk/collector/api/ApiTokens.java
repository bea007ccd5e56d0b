package org.carbonkiosk.collector.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.collector.store.Database;
import org.carbonkiosk.collector.store.TokenStore;

/**
 * API tokens: 256-bit random values handed out once, kept only as their SHA-256, checked in
 * constant time; plus the bootstrap admin token. Used by the HTTP API, the console and the
 * {@code tokens} command.
 */
public final class ApiTokens {
    /** A token just made: the only time its value exists outside the caller's hands. */
    public record Created(TokenStore.TokenRow row, String token) {
        @Override
        public String toString() {
            return "Created[" + row + ", token=***]";
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Database db;
    private final TokenStore tokens = new TokenStore();
    private final AdminToken bootstrap;
    private final Clock clock;

    /** @param bootstrap the configured or generated admin token; null when only stored tokens count */
    public ApiTokens(Database db, AdminToken bootstrap, Clock clock) {
        this.db = db;
        this.bootstrap = bootstrap;
        this.clock = clock;
    }

    public Created create(String name, Role role, String by) {
        if (name.isBlank() || name.length() > 100) {
            throw HttpError.badRequest("name must be 1 to 100 characters");
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = "ck_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String hash = sha256(token);
        String at = clock.instant().toString();
        TokenStore.TokenRow row = db.write(c -> {
            long id = tokens.insert(c, name.strip(), role.wire(), hash, at, by);
            return tokens.find(c, id).orElseThrow();
        });
        return new Created(row, token);
    }

    public List<TokenStore.TokenRow> list() {
        return db.read(tokens::list);
    }

    public boolean revoke(long id) {
        String at = clock.instant().toString();
        return db.write(c -> tokens.revoke(c, id, at));
    }

    /** The caller an {@code Authorization: Bearer} header names, if the token is known and active. */
    public Optional<Caller> authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        String token = authorization.substring("Bearer ".length()).trim();
        return authenticateToken(token);
    }

    /** As {@link #authenticate(String)}, for a token typed into the console's sign-in form. */
    public Optional<Caller> authenticateToken(String token) {
        if (token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        if (bootstrap != null && bootstrap.accepts("Bearer " + token)) {
            return Optional.of(Caller.bootstrap());
        }
        String hash = sha256(token);
        return db.read(c -> tokens.findByHash(c, hash))
                .filter(TokenStore.TokenRow::active)
                .filter(row -> MessageDigest.isEqual(row.sha256().getBytes(StandardCharsets.US_ASCII),
                        hash.getBytes(StandardCharsets.US_ASCII)))
                .flatMap(ApiTokens::caller);
    }

    /** The caller of a stored token that is still active (sessions check this on every request). */
    public Optional<Caller> stillValid(Caller caller) {
        if (caller.tokenId() == 0) {
            return Optional.of(caller);
        }
        return db.read(c -> tokens.find(c, caller.tokenId())).filter(TokenStore.TokenRow::active)
                .flatMap(ApiTokens::caller);
    }

    private static Optional<Caller> caller(TokenStore.TokenRow row) {
        return Role.fromWire(row.role()).map(r -> new Caller(row.name(), r, row.id()));
    }

    /** Lowercase hex SHA-256 of the token's UTF-8 bytes. */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
