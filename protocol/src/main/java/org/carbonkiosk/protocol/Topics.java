package org.carbonkiosk.protocol;

import java.util.Optional;

/** MQTT topic names of PROTOCOL.md section 3. */
public final class Topics {
    public static final String PREFIX = "kiosk/v1/";
    /** The collectors' MQTT 5 shared subscription for events. */
    public static final String SHARED_EVENT_SUBSCRIPTION = "$share/collectors/kiosk/v1/+/event";
    public static final String ALL_EVENTS = "kiosk/v1/+/event";
    public static final String ALL_STATUS = "kiosk/v1/+/status";
    public static final String ALL_TELEMETRY = "kiosk/v1/+/telemetry";
    public static final String ALL_RECEIPTS = "kiosk/v1/+/receipt";
    /** Messages larger than this are rejected unread. */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024;

    private Topics() {
    }

    public static String event(String deviceId) {
        return topic(deviceId, "event");
    }

    public static String receipt(String deviceId) {
        return topic(deviceId, "receipt");
    }

    public static String status(String deviceId) {
        return topic(deviceId, "status");
    }

    public static String telemetry(String deviceId) {
        return topic(deviceId, "telemetry");
    }

    /** The {@code {d}} of a {@code kiosk/v1/{d}/...} topic, when the topic has that shape. */
    public static Optional<String> deviceIdOf(String topic) {
        if (topic == null || !topic.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = topic.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || rest.indexOf('/', slash + 1) >= 0) {
            return Optional.empty();
        }
        return Optional.of(rest.substring(0, slash));
    }

    private static String topic(String deviceId, String leaf) {
        return PREFIX + DeviceId.require(deviceId) + "/" + leaf;
    }
}
