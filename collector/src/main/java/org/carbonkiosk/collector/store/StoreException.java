package org.carbonkiosk.collector.store;

/** The store could not do its work (I/O): the caller retries, it never turns this into a decision. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
