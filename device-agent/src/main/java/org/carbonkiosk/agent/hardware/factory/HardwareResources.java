package org.carbonkiosk.agent.hardware.factory;

import com.pi4j.context.Context;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.carbonkiosk.config.ConfigException;
import org.carbonkiosk.config.ConfigSource;
import org.carbonkiosk.agent.hardware.gpio.Pi4jLines;
import org.carbonkiosk.agent.hardware.opcua.OpcUaConnection;
import org.tinylog.Logger;

/**
 * What the factory opened (one pi4j context, one OPC UA session, serial ports, reader threads),
 * created on first need and closed in reverse order; and the BCM pins already given out, so
 * two parts on one pin are a configuration error.
 */
final class HardwareResources implements AutoCloseable {
    private final ConfigSource config;
    private final Supplier<Context> pi4jFactory;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final Map<Integer, String> pins = new HashMap<>();
    private Context pi4j;
    private OpcUaConnection opcUa;

    HardwareResources(ConfigSource config, Supplier<Context> pi4jFactory) {
        this.config = config;
        this.pi4jFactory = pi4jFactory;
    }

    Context pi4j() {
        if (pi4j == null) {
            Context context = pi4jFactory.get();
            opened.push(context::shutdown);
            pi4j = context;
        }
        return pi4j;
    }

    /** The pi4j provider id prefix ({@code hardware.pi4j.provider}, e.g. linuxfs), if set. */
    Optional<String> providerPrefix() {
        return config.optional("hardware.pi4j.provider");
    }

    Pi4jLines lines() {
        return new Pi4jLines(pi4j(), providerPrefix());
    }

    OpcUaConnection opcUa() {
        if (opcUa == null) {
            String endpoint = config.string("hardware.opcua.endpoint");
            if (!endpoint.startsWith("opc.tcp://")) {
                throw new ConfigException("hardware.opcua.endpoint", "must be an opc.tcp:// URL, was '" + endpoint + "'");
            }
            config.choice("hardware.opcua.security", "none", java.util.Set.of("none"));
            OpcUaConnection connection = new OpcUaConnection(endpoint,
                    config.longValue("hardware.opcua.timeoutMs", 5_000, 100, 120_000));
            opened.push(connection);
            opcUa = connection;
        }
        return opcUa;
    }

    /** A BCM GPIO pin from {@code key}, checked for range and for not being taken by another part. */
    int pin(String key, int defaultPin) {
        int pin = config.integer(key, defaultPin, 0, 27);
        String other = pins.putIfAbsent(pin, key);
        if (other != null) {
            throw new ConfigException(key, "uses BCM pin " + pin + ", already used by " + other);
        }
        return pin;
    }

    <T extends AutoCloseable> T track(T resource) {
        opened.push(resource);
        return resource;
    }

    @Override
    public void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                Logger.warn("closing hardware: {}", e.toString());
            }
        }
    }
}
