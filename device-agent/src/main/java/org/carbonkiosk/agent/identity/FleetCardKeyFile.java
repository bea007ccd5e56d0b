package org.carbonkiosk.agent.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.carbonkiosk.protocol.CardToken;

/** The fleet card key (32 bytes, hex text, 0600) that turns card UIDs into tokens. */
public final class FleetCardKeyFile {
    private final Path file;

    public FleetCardKeyFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    public byte[] read() throws IOException {
        SecureFiles.requireOwnerOnly(file);
        String hex = Files.readString(file, StandardCharsets.US_ASCII).trim();
        if (!hex.matches("[0-9a-fA-F]{64}")) {
            throw new IOException(file + " must hold the 32-byte fleet card key as 64 hex characters");
        }
        return HexFormat.of().parseHex(hex.toLowerCase());
    }

    public void write(byte[] key) throws IOException {
        if (key.length != CardToken.FLEET_KEY_BYTES) {
            throw new IllegalArgumentException("the fleet card key must be 32 bytes");
        }
        SecureFiles.writeSecret(file, (HexFormat.of().formatHex(key) + "\n").getBytes(StandardCharsets.US_ASCII));
    }
}
