package org.carbonkiosk.simulator.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.carbonkiosk.simulator.AccountMonth;
import org.carbonkiosk.simulator.demo.Environment;
import org.carbonkiosk.simulator.fleet.KioskNode;

/**
 * A fingerprint of what a seed decided, to compare two runs of one seed: the schedule, and for
 * every event of every kiosk its id, type, weight, account, month and final status, and every
 * account-month's credited grams at the collector. Which of an account's deposits meets the
 * monthly cap may differ between runs when a lost message arrives late (PROTOCOL.md section 5:
 * a late event is decided when it arrives), so per-event grams are left out; the month totals
 * are in.
 */
final class DecisionDigest {
    private DecisionDigest() {
    }

    /** The digest of the decisions; their text goes to {@code file} (to compare two runs line by line). */
    static String of(ChaosSchedule schedule, Environment env, List<KioskNode> kiosks, Path file) throws IOException {
        StringBuilder text = new StringBuilder();
        schedule.describe().forEach(line -> text.append(line).append('\n'));
        Map<AccountMonth, Long> months = new TreeMap<>();
        for (KioskNode k : kiosks) {
            for (long seq = 1; seq <= k.lastSeq(); seq++) {
                String eventId = k.deviceId() + ":" + seq;
                Optional<JsonNode> known = env.api().eventJsonIfKnown(eventId);
                if (known.isEmpty()) {
                    text.append(eventId).append(" undecided\n");
                    continue;
                }
                JsonNode e = known.get();
                text.append(String.join("|", eventId, e.get("type").asText(), e.get("netGrams").asText(),
                        e.get("account").asText(), e.get("month").asText(), e.get("status").asText())).append('\n');
                if (e.hasNonNull("account") && e.hasNonNull("month")) {
                    months.put(new AccountMonth(e.get("account").asText(), e.get("month").asText()), 0L);
                }
            }
        }
        months.replaceAll((am, zero) -> env.api().accountMonth(am.account(), am.month()).get("creditedGrams").asLong());
        months.forEach((am, grams) -> text.append(am).append(' ').append(grams).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
        try {
            byte[] sha = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
