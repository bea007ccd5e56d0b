package org.carbonkiosk.agent.outbox;

import java.io.IOException;

/** The outbox could not read or write (disk full, I/O error, corrupt file). */
public final class StoreException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
