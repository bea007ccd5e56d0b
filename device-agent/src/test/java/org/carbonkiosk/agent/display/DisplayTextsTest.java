package org.carbonkiosk.agent.display;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.junit.jupiter.api.Test;

class DisplayTextsTest {
    private static final DisplayMessage.ReceiptShown CREDITED = new DisplayMessage.ReceiptShown(820,
            DecisionStatus.CREDITED, 1230, Optional.of(2730), Optional.of(4500), Optional.empty());

    @Test
    void render_creditedReceipt_englishChineseAndBoth() {
        assertThat(DisplayTexts.render(CREDITED, Language.EN)).isEqualTo("+1230 g, 2730 / 4500 g this month");
        assertThat(DisplayTexts.render(CREDITED, Language.ZH)).isEqualTo("+1230 克减排量，本月 2730 / 4500 g");
        assertThat(DisplayTexts.render(CREDITED, Language.BOTH)).contains("本月").contains("this month");
    }

    @Test
    void render_everyMessage_hasBothLanguages() {
        DisplayMessage[] all = {new DisplayMessage.Ready(), new DisplayMessage.CardRead(),
            new DisplayMessage.DoorUnlocked(), new DisplayMessage.LiveWeight(-300), new DisplayMessage.Weighing(),
            new DisplayMessage.Recorded(820), CREDITED, new DisplayMessage.RecordedOffline(820),
            new DisplayMessage.NothingDeposited(), new DisplayMessage.ScaleUnsettled(true),
            new DisplayMessage.ScaleUnsettled(false), new DisplayMessage.Busy(), new DisplayMessage.CardBlocked(),
            new DisplayMessage.OutOfService(true), new DisplayMessage.OutOfService(false),
            new DisplayMessage.PlaysGranted(2), new DisplayMessage.DoorForced()};
        for (DisplayMessage m : all) {
            assertThat(DisplayTexts.render(m, Language.ZH)).isNotBlank().isNotEqualTo(DisplayTexts.render(m, Language.EN));
        }
    }

    @Test
    void render_outcomesInPlainWords() {
        assertThat(DisplayTexts.render(new DisplayMessage.RecordedOffline(640), Language.EN))
                .isEqualTo("Recorded +640 g, will be credited when the kiosk is back online");
        assertThat(DisplayTexts.render(new DisplayMessage.LiveWeight(-300), Language.EN)).contains("-300 g");
        assertThat(DisplayTexts.render(new DisplayMessage.OutOfService(true), Language.EN)).contains("NOT be recorded");
        assertThat(DisplayTexts.render(new DisplayMessage.ReceiptShown(500, DecisionStatus.HELD, 0, Optional.empty(),
                Optional.empty(), Optional.of(Reason.CARD_UNBOUND)), Language.EN)).contains("not linked to an account");
        assertThat(DisplayTexts.render(new DisplayMessage.ReceiptShown(900, DecisionStatus.CREDITED, 0,
                Optional.of(4500), Optional.of(4500), Optional.of(Reason.CAP_REACHED)), Language.EN))
                .contains("monthly limit reached");
    }

    @Test
    void consoleDisplay_printsOneLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ConsoleDisplay(new PrintStream(out, true, StandardCharsets.UTF_8), Language.EN).show(CREDITED);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("[display] +1230 g, 2730 / 4500 g this month"
                + System.lineSeparator());
    }
}
