package org.carbonkiosk.agent.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** Looks into an outbox database from outside the agent. */
public final class DbBytes {
    private DbBytes() {
    }

    /** The JWS of every stored event, by seq. */
    public static List<String> storedJws(Path db) throws SQLException {
        return column(db, "SELECT jws FROM outbox ORDER BY seq");
    }

    public static List<String> auditLines(Path db) throws SQLException {
        return column(db, "SELECT line FROM audit ORDER BY id");
    }

    /** The open-session journal as {@code card:tareGrams} (empty or one row). */
    public static List<String> openJournal(Path db) throws SQLException {
        return column(db, "SELECT card || ':' || tare_grams FROM open_session");
    }

    /** The type of every stored event, by seq. */
    public static List<String> storedTypes(Path db) throws SQLException {
        return column(db, "SELECT type FROM outbox ORDER BY seq");
    }

    private static List<String> column(Path db, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** True when any file of the database (db, -wal, -shm) holds {@code uid} raw or as hex text. */
    public static boolean containsUid(Path dataDir, byte[] uid) throws IOException {
        String hex = HexFormat.of().formatHex(uid);
        List<byte[]> needles = List.of(uid, hex.getBytes(), hex.toUpperCase().getBytes());
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path f : files.toList()) {
                byte[] content = Files.readAllBytes(f);
                for (byte[] needle : needles) {
                    if (indexOf(content, needle) >= 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
