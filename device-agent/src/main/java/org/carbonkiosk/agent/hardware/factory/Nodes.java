package org.carbonkiosk.agent.hardware.factory;

import java.util.Optional;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/** Config reads the plain {@link ConfigSource} does not offer: OPC UA node ids, hex-or-decimal integers. */
final class Nodes {
    private Nodes() {
    }

    static NodeId required(ConfigSource config, String key) {
        return optional(config, key).orElseThrow(() -> new ConfigException(key, "is required (an OPC UA node id, e.g. ns=2;s=Kiosk/Weight)"));
    }

    static Optional<NodeId> optional(ConfigSource config, String key) {
        return config.optional(key).map(text -> NodeId.parseSafe(text)
                .orElseThrow(() -> new ConfigException(key, "is not an OPC UA node id: '" + text + "'")));
    }

    /** An integer written in decimal or as 0x.. hex. */
    static int integer(ConfigSource config, String key, int defaultValue, int min, int max) {
        int value = config.optional(key).map(text -> {
            try {
                return Integer.decode(text);
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be an integer (decimal or 0x hex), was '" + text + "'");
            }
        }).orElse(defaultValue);
        if (value < min || value > max) {
            throw new ConfigException(key, "must be within [" + min + ", " + max + "], was " + value);
        }
        return value;
    }
}
