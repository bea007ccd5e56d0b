package org.carbonkiosk.collector.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.tinylog.Logger;

/**
 * The admin bearer token: from configuration, else read from {@code <dataDir>/admin.token},
 * else generated there (mode 0600) on first start. Its path is printed, the token never.
 */
public final class AdminToken {
    public static final String FILE_NAME = "admin.token";
    private final byte[] token;
    private final String value;

    private AdminToken(String value) {
        this.value = value;
        this.token = value.getBytes(StandardCharsets.UTF_8);
    }

    public static AdminToken resolve(String configured, Path dataDir) {
        if (!configured.isEmpty()) {
            return new AdminToken(configured);
        }
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (!Files.exists(file)) {
                generate(file);
            }
            warnIfReadableByOthers(file);
            String value = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (value.length() < 16) {
                throw new IllegalStateException("admin token file " + file + " holds fewer than 16 characters");
            }
            Logger.info("admin token in {}", file.toAbsolutePath());
            System.out.println("admin token file: " + file.toAbsolutePath());
            return new AdminToken(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the admin token file " + file + ": " + e, e);
        }
    }

    private static void generate(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(file.getParent() == null ? Path.of(".") : file.getParent());
        try {
            Set<PosixFilePermission> owner = PosixFilePermissions.fromString("rw-------");
            Files.createFile(file, PosixFilePermissions.asFileAttribute(owner));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            return; // another collector on the same data dir made it
        }
        Files.writeString(file, value + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Logger.info("generated an admin token");
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.contains(PosixFilePermission.GROUP_READ) || p.contains(PosixFilePermission.OTHERS_READ)) {
                Logger.warn("{} is readable by group or others; chmod 600 it", file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not POSIX: nothing to check
        }
    }

    /** Constant-time check of an {@code Authorization} header value. */
    public boolean accepts(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        byte[] given = authorization.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return "AdminToken[***]";
    }
}
