package org.carbonkiosk.agent.display;

import java.io.PrintStream;

/** The default display: one line per message on a print stream, in the configured language(s). */
public final class ConsoleDisplay implements Display {
    private final PrintStream out;
    private final Language language;

    public ConsoleDisplay(PrintStream out, Language language) {
        this.out = out;
        this.language = language;
    }

    @Override
    public void show(DisplayMessage message) {
        out.println("[display] " + DisplayTexts.render(message, language));
        out.flush();
    }
}
