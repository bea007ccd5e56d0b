package org.carbonkiosk.provisioning;

/**
 * A plain-language failure the technician must act on, with the tool's exit code. The message
 * says what is wrong and what to do; it never contains a secret.
 */
public final class ProvisionException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ProvisionException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ProvisionException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static ProvisionException missingFlag(String flag, String what) {
        return new ProvisionException(ExitCodes.USAGE, what + " is needed: pass " + flag
                + " (no terminal is attached, so the tool cannot ask)");
    }

    public static ProvisionException usage(String message) {
        return new ProvisionException(ExitCodes.USAGE, message);
    }

    public static ProvisionException local(String message) {
        return new ProvisionException(ExitCodes.LOCAL_STATE, message);
    }

    public static ProvisionException hardware(String message) {
        return new ProvisionException(ExitCodes.HARDWARE, message);
    }
}
