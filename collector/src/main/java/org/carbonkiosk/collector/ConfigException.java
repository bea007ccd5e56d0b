package org.carbonkiosk.collector;

/** A configuration value that is missing or invalid; the message names the key. */
public final class ConfigException extends RuntimeException {
    private final String key;

    public ConfigException(String key, String problem) {
        super("configuration key '" + key + "' (env " + Settings.environmentName(key) + "): " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
