package org.carbonkiosk.agent.identity;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files written atomically (a crash leaves the old content or the new, never half) and, for
 * secrets, readable by the owner only (0600).
 */
public final class SecureFiles {
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_OR_GROUP = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecureFiles() {
    }

    /** Writes a secret: temp file created 0600 in the same folder, fsync, atomic rename, fsync of the folder. */
    public static void writeSecret(Path file, byte[] content) throws IOException {
        write(file, content, true);
    }

    /** Writes a non-secret file atomically (mode 0644). */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        write(file, content, false);
    }

    /** Refuses a secret file that group or others can access. */
    public static void requireOwnerOnly(Path file) throws IOException {
        if (!supportsPosix(file)) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        for (PosixFilePermission p : permissions) {
            if (WORLD_OR_GROUP.contains(p)) {
                throw new InsecureFileException(file, PosixFilePermissions.toString(permissions));
            }
        }
    }

    private static void write(Path file, byte[] content, boolean secret) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (supportsPosix(dir)) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(
                    secret ? OWNER_ONLY : PosixFilePermissions.fromString("rw-r--r--")));
        } else {
            Files.createFile(temp);
        }
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            channel.write(java.nio.ByteBuffer.wrap(content));
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(dir);
    }

    /** Renames atomically within one folder and makes the rename durable. */
    public static void renameAtomically(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(to.toAbsolutePath().getParent());
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for sync; the rename itself is still atomic.
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** A secret file readable by more than its owner. */
    public static final class InsecureFileException extends IOException {
        private static final long serialVersionUID = 1L;

        public InsecureFileException(Path file, String permissions) {
            super(file + " has permissions " + permissions + "; a secret must be 0600 (chmod 600 " + file + ")");
        }
    }
}
