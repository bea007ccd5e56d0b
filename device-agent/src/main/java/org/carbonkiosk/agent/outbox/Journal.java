package org.carbonkiosk.agent.outbox;

/** The open-session journal: a session that unlocked the door and has not ended yet. */
public record Journal(String card, int tareGrams, long startedAtMs) {
}
