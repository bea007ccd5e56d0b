package org.carbonkiosk.client;

import java.io.IOException;
import java.net.URI;

/** No answer from the collector after every attempt of the {@link RetryPolicy}; the message says why. */
public final class CollectorUnreachableException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient URI base;
    private final String problem;
    private final int attempts;

    CollectorUnreachableException(URI base, String problem, int attempts) {
        super("cannot reach the collector at " + base + ": " + problem + "; tried " + attempts + " times");
        this.base = base;
        this.problem = problem;
        this.attempts = attempts;
    }

    public URI base() {
        return base;
    }

    /** What went wrong at the last attempt, in plain words ("connection refused (nothing listening there)"). */
    public String problem() {
        return problem;
    }

    public int attempts() {
        return attempts;
    }
}
