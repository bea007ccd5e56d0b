package org.carbonkiosk.provisioning;

/** The tool's exit codes; documented in every command's help and in docs/field-guide.md. */
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

    /** The lines shown under "Exit codes" in every command's help. */
    public static final String[] HELP = {
        "0:Success.",
        "1:self-test: at least one check failed.",
        "2:A flag is missing or invalid (the message names it).",
        "3:This kiosk is not in the state needed (already initialised, not initialised, insecure or broken file).",
        "4:The collector could not be reached (the message names the URL).",
        "5:The collector refused the technician token (401/403).",
        "6:The collector already knows this device id with a different key (409).",
        "7:Hardware problem: scale not responding, unstable readings, no card.",
        "8:Other collector error.",
        "9:Unexpected internal error.",
        "10:Aborted at a confirmation.",
    };

    private ExitCodes() {
    }
}
