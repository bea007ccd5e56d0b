package org.carbonkiosk.provisioning.init;

import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;

/** Writes properties in a stable order, each value escaped as {@link Properties#load} expects. */
final class PropertiesText {
    private PropertiesText() {
    }

    static byte[] render(String header, SortedMap<String, String> values) {
        StringBuilder text = new StringBuilder();
        for (String line : header.split("\n")) {
            text.append("# ").append(line).append('\n');
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            text.append(escapedLine(e.getKey(), e.getValue()));
        }
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String escapedLine(String key, String value) {
        Properties one = new Properties();
        one.setProperty(key, value);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            one.store(bytes, null); // the stream form escapes non-Latin-1 text as \\uXXXX
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder kept = new StringBuilder();
        for (String line : bytes.toString(StandardCharsets.ISO_8859_1).split("\\R")) {
            if (!line.startsWith("#") && !line.isEmpty()) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }
}
