package org.carbonkiosk.agent.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.carbonkiosk.protocol.CardToken;

/**
 * The service cards of a kiosk ({@code identity.dir/service-cards}, 0600): the card tokens of
 * the technicians and haulers whose card opens a service session, one 64-hex token per line,
 * written by {@code kiosk-provision service-card}. Tokens only, never a UID. No file: no service cards.
 */
public final class ServiceCardsFile {
    /** The file's name in {@code identity.dir}. */
    public static final String NAME = "service-cards";
    private final Path file;

    public ServiceCardsFile(Path file) {
        this.file = file;
    }

    /** The file in {@code identityDir}. */
    public static ServiceCardsFile in(Path identityDir) {
        return new ServiceCardsFile(identityDir.resolve(NAME));
    }

    public Path path() {
        return file;
    }

    /** The tokens, empty when the file does not exist; a line that is not a token fails, naming its number. */
    public Set<String> read() throws IOException {
        if (!Files.exists(file)) {
            return Set.of();
        }
        SecureFiles.requireOwnerOnly(file);
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        Set<String> tokens = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!CardToken.isValid(line)) {
                throw new IOException(file + " line " + (i + 1) + ": not a card token (64 lowercase hex characters)");
            }
            tokens.add(line);
        }
        return Set.copyOf(tokens);
    }

    /** Replaces the file (atomically, 0600) with {@code tokens}, sorted. */
    public void write(Set<String> tokens) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String token : new TreeSet<>(tokens)) {
            if (!CardToken.isValid(token)) {
                throw new IllegalArgumentException("not a card token");
            }
            text.append(token).append('\n');
        }
        SecureFiles.writeSecret(file, text.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
