package org.carbonkiosk.agent.display;

/**
 * What the resident sees. The agent says what to show as a {@link DisplayMessage}; an
 * implementation renders it (console by default, a screen driver on a real kiosk) with
 * {@link DisplayTexts}. Called from the agent's session thread; must not block for long.
 */
public interface Display {
    void show(DisplayMessage message);
}
