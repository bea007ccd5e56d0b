package org.carbonkiosk.agent.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.carbonkiosk.protocol.jws.Ed25519KeyPair;

/**
 * The device's Ed25519 signing keys in its identity folder, one PKCS#8 PEM file (0600) per key
 * version: {@code device-key-<n>.pem}. The active key is the highest version. A rotation first
 * writes {@code device-key-<n>.pem.pending}, registers it with the collector, then activates it
 * by an atomic rename, so the agent never signs with a key the collector does not know.
 */
public final class DeviceKeyStore {
    private static final Pattern ACTIVE = Pattern.compile("device-key-([1-9][0-9]{0,8})\\.pem");
    private static final String PKCS8_ED25519_PREFIX = "302e020100300506032b657004220420";
    private final Path dir;

    public DeviceKeyStore(Path identityDir) {
        this.dir = identityDir;
    }

    /** A signing key and its version. The private key stays in this process. */
    public record SigningKey(int keyVersion, Ed25519KeyPair keyPair) {
    }

    /** The active key, refusing a key file others can read. */
    public Optional<SigningKey> active() throws IOException {
        OptionalInt version = activeVersion();
        if (version.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SigningKey(version.getAsInt(), read(file(version.getAsInt()))));
    }

    public OptionalInt activeVersion() throws IOException {
        if (!Files.isDirectory(dir)) {
            return OptionalInt.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> ACTIVE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches).mapToInt(m -> Integer.parseInt(m.group(1))).max();
        }
    }

    /** Creates key version 1 on this device. Fails if any key exists. */
    public SigningKey createFirst() throws IOException {
        if (activeVersion().isPresent()) {
            throw new IOException("a device key already exists in " + dir);
        }
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        SecureFiles.writeSecret(file(1), pem(pair));
        return new SigningKey(1, pair);
    }

    /** Writes the next key version as pending (not yet used for signing). */
    public SigningKey createPending() throws IOException {
        int next = activeVersion().orElse(0) + 1;
        Ed25519KeyPair pair = Ed25519KeyPair.generate();
        SecureFiles.writeSecret(pendingFile(next), pem(pair));
        return new SigningKey(next, pair);
    }

    /** A pending key left by an interrupted rotation, if any. */
    public Optional<SigningKey> pending() throws IOException {
        int next = activeVersion().orElse(0) + 1;
        Path pending = pendingFile(next);
        return Files.exists(pending) ? Optional.of(new SigningKey(next, read(pending))) : Optional.empty();
    }

    /** Makes the pending key active; older key files are deleted (their public halves stay at the collector). */
    public SigningKey activatePending() throws IOException {
        SigningKey pending = pending().orElseThrow(() -> new IOException("no pending key in " + dir));
        SecureFiles.renameAtomically(pendingFile(pending.keyVersion()), file(pending.keyVersion()));
        for (int v = 1; v < pending.keyVersion(); v++) {
            Files.deleteIfExists(file(v));
        }
        return pending;
    }

    public List<Path> keyFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().startsWith("device-key-")).sorted().toList();
        }
    }

    private Path file(int version) {
        return dir.resolve("device-key-" + version + ".pem");
    }

    private Path pendingFile(int version) {
        return dir.resolve("device-key-" + version + ".pem.pending");
    }

    private static byte[] pem(Ed25519KeyPair pair) {
        byte[] der = HexFormat.of().parseHex(PKCS8_ED25519_PREFIX + HexFormat.of().formatHex(pair.privateKey()));
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return ("-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static Ed25519KeyPair read(Path file) throws IOException {
        SecureFiles.requireOwnerOnly(file);
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        String body = text.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " is not a PEM private key");
        }
        String hex = HexFormat.of().formatHex(der);
        if (der.length != 48 || !hex.startsWith(PKCS8_ED25519_PREFIX)) {
            throw new IOException(file + " is not an Ed25519 PKCS#8 private key");
        }
        return Ed25519KeyPair.fromPrivateKey(java.util.Arrays.copyOfRange(der, 16, 48));
    }
}
