package org.carbonkiosk.collector.api;

/**
 * Who makes a request: the token's name and role. {@code tokenId} is 0 for the bootstrap admin
 * token (configuration or the 0600 file), else the row id of a stored token.
 */
public record Caller(String name, Role role, long tokenId) {
    public static final String BOOTSTRAP_NAME = "bootstrap admin";

    public static Caller bootstrap() {
        return new Caller(BOOTSTRAP_NAME, Role.ADMIN, 0);
    }
}
