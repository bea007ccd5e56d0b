package org.carbonkiosk.agent.identity;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.carbonkiosk.agent.hardware.Calibration;
import org.carbonkiosk.protocol.event.Timestamps;
import org.carbonkiosk.protocol.json.JsonObject;
import org.carbonkiosk.protocol.json.MalformedException;
import org.carbonkiosk.protocol.json.StrictJson;

/**
 * The scale calibration written by the provisioning tool:
 * {@code {"scale":{"offsetCounts":8388,"countsPerGram":"21.7"},"calibratedAt":"2026-10-02T10:00:00.000+08:00"}}.
 */
public final class CalibrationFile {
    private final Path file;

    public CalibrationFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public Optional<Calibration> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonObject o = StrictJson.parseObject(Files.readAllBytes(file));
            double countsPerGram = Double.parseDouble(o.object("scale").string("countsPerGram"));
            return Optional.of(new Calibration(o.object("scale").integer("offsetCounts", Long.MIN_VALUE, Long.MAX_VALUE),
                    countsPerGram, Timestamps.parse(o.string("calibratedAt"))
                    .orElseThrow(() -> new IOException(file + ": calibratedAt is not an RFC 3339 date-time"))));
        } catch (MalformedException | IllegalArgumentException e) {
            throw new IOException(file + " is not a valid calibration file: " + e.getMessage());
        }
    }

    public void write(Calibration calibration) throws IOException {
        ObjectNode o = StrictJson.newObject();
        ObjectNode scale = o.putObject("scale");
        scale.put("offsetCounts", calibration.offsetCounts());
        // countsPerGram as a string keeps its exact decimal form through any JSON tool.
        scale.put("countsPerGram", Double.toString(calibration.countsPerGram()));
        o.put("calibratedAt", Timestamps.format(calibration.calibratedAt()));
        SecureFiles.writeAtomically(file, StrictJson.write(o));
    }
}
