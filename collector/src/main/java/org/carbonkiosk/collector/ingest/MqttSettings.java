package org.carbonkiosk.collector.ingest;

import java.time.Duration;

/**
 * How the collector connects to the broker.
 *
 * @param url            {@code tcp://host:1883} or {@code ssl://host:8883}
 * @param clientId       the event connection's stable client id (persistent session); the
 *                       receipt connection uses {@code clientId + "-out"}
 * @param username       the event connection's user; the receipt connection's is {@code username + "-out"}
 *                       (same password); empty = anonymous
 * @param sessionExpiry  how long the broker keeps the session (and unacknowledged events) while away
 * @param receiveMaximum the MQTT 5 receive maximum asked of the broker; the collector's own bounded
 *                       queue is what really limits what is in flight
 * @param maxPacketBytes the largest packet the broker may send (MQTT 5 maximum packet size), on both connections
 * @param tls            the fleet CA and optional client certificate for {@code ssl://}
 */
public record MqttSettings(String url, String clientId, String username, String password, Duration sessionExpiry,
                           int receiveMaximum, int maxPacketBytes, MqttTls tls) {
}
