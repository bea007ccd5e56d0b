package org.carbonkiosk.provisioning;

/** The ordered steps of {@code init}; an observer sees each one (tests crash the tool there). */
public enum InitStep {
    VALIDATED, MARKER_WRITTEN, OLD_CONFIG_SET_ASIDE, OLD_IDENTITY_SET_ASIDE, CARD_KEY_WRITTEN, DEVICE_KEY_WRITTEN,
    CONFIG_WRITTEN, DONE;

    /** Told when init reaches a step. */
    @FunctionalInterface
    public interface Observer {
        void reached(InitStep step);

        Observer NONE = step -> { };
    }
}
