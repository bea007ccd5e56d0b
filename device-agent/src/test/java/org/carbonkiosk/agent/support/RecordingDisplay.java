package org.carbonkiosk.agent.support;

import java.util.ArrayList;
import java.util.List;
import org.carbonkiosk.agent.display.Display;
import org.carbonkiosk.agent.display.DisplayMessage;
import org.carbonkiosk.agent.display.DisplayTexts;
import org.carbonkiosk.agent.display.Language;

/** A display that remembers what it showed. */
public final class RecordingDisplay implements Display {
    private final List<DisplayMessage> shown = new ArrayList<>();

    @Override
    public synchronized void show(DisplayMessage message) {
        shown.add(message);
    }

    public synchronized List<DisplayMessage> shown() {
        return List.copyOf(shown);
    }

    public synchronized <T extends DisplayMessage> List<T> shown(Class<T> type) {
        return shown.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized List<String> texts() {
        return shown.stream().map(m -> DisplayTexts.render(m, Language.EN)).toList();
    }
}
