package org.carbonkiosk.config;

/** A configuration value that is missing or invalid; the message names the key. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String key;

    public ConfigException(String key, String problem) {
        super("config key '" + key + "' " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
