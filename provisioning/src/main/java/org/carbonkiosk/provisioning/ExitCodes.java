package org.carbonkiosk.provisioning;

/** The tool's exit codes; shown in every command's help and explained in docs/field-guide.md. */
public final class ExitCodes {
    public static final int OK = 0;
    /** self-test: at least one check failed. */
    public static final int CHECK_FAILED = 1;
    /** A flag or value is missing or invalid (also picocli's own usage errors). */
    public static final int USAGE = 2;
    /** Something on this kiosk is not as needed: existing identity, not initialised, insecure file, bad file. */
    public static final int LOCAL_STATE = 3;
    /** The collector cannot be reached (connection refused, timeout, DNS). */
    public static final int UNREACHABLE = 4;
    /** The collector refused the technician token (401 / 403). */
    public static final int UNAUTHORISED = 5;
    /** The collector already has this id with another key (409). */
    public static final int CONFLICT = 6;
    /** The scale or card reader did not respond, or readings were unstable. */
    public static final int HARDWARE = 7;
    /** Any other answer from the collector (other 4xx, 5xx). */
    public static final int COLLECTOR_ERROR = 8;
    /** An unexpected internal error (a bug): the message and log say what. */
    public static final int INTERNAL = 9;
    /** The technician said no at a confirmation. */
    public static final int ABORTED = 10;


    private ExitCodes() {
    }
}
