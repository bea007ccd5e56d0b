package org.carbonkiosk.collector.api;

import java.util.Locale;
import java.util.Optional;

/** API roles (PROTOCOL.md section 6): each grants what the ones below it grant. */
public enum Role {
    /** Reads everything the API shows. */
    VIEWER,
    /** Also reviews held events, retries dead letters, binds and blocks cards, records pickups. */
    OPERATOR,
    /** Also registers devices, rotates keys, revokes, and manages tokens. */
    ADMIN;

    public boolean grants(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromWire(String s) {
        for (Role r : values()) {
            if (r.wire().equals(s)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
