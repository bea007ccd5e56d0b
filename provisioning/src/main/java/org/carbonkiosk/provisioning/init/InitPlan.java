package org.carbonkiosk.provisioning.init;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SortedMap;
import org.carbonkiosk.provisioning.FileOwner;

/**
 * Everything {@code init} will write, validated before anything is written.
 *
 * @param properties the agent.properties content (holds the MQTT password: written 0600)
 * @param fleetCardKey the 32-byte fleet card key
 * @param owner who gets the written files and folders (the agent's user), if not the current user
 */
public record InitPlan(Path configFile, Path identityDir, Path dataDir, SortedMap<String, String> properties,
                       byte[] fleetCardKey, boolean force, Optional<FileOwner> owner) {

    public InitPlan {
        fleetCardKey = fleetCardKey.clone();
        properties = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(properties));
    }

    @Override
    public byte[] fleetCardKey() {
        return fleetCardKey.clone();
    }

    /** Never shows the card key or the MQTT password. */
    @Override
    public String toString() {
        return "InitPlan[config=" + configFile + ", identityDir=" + identityDir + ", keys=" + properties.keySet()
                + ", force=" + force + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InitPlan p && p.configFile.equals(configFile) && p.properties.equals(properties)
                && Arrays.equals(p.fleetCardKey, fleetCardKey) && p.force == force;
    }

    @Override
    public int hashCode() {
        return configFile.hashCode();
    }
}
