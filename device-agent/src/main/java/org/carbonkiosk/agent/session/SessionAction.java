package org.carbonkiosk.agent.session;

import org.carbonkiosk.agent.display.DisplayMessage;

/**
 * What the machine asks the agent to do, in order. When a store action fails the agent stops
 * executing the remaining actions of that step and feeds {@link SessionInput.StoreFailed}.
 */
public sealed interface SessionAction {

    record Unlock() implements SessionAction {
    }

    record Lock() implements SessionAction {
    }

    record Show(DisplayMessage message) implements SessionAction {
    }

    /** Write the open-session journal (card token, tare) durably before the door unlocks. */
    record OpenJournal(String card, int tareGrams) implements SessionAction {
    }

    /** The session ends with no deposit event; {@code why} goes to the audit log. */
    record CloseJournal(String why) implements SessionAction {
    }

    /** Sign and commit a deposit (and close the journal in the same transaction), then feed Committed. */
    record RecordDeposit(String card, int tareGrams, int grossGrams) implements SessionAction {
    }

    /**
     * Sign and commit a bin-emptied event for a service card's session (and close the journal in
     * the same transaction), then feed Committed.
     */
    record RecordBinEmptied(String card, int beforeGrams, int afterGrams) implements SessionAction {
        /**
         * What the emptying took out, as measured: zero or negative values are reported, not hidden
         * (something was put in through the service door, or the scale drifted).
         */
        public int removedGrams() {
            return beforeGrams - afterGrams;
        }
    }

    /** Sign and commit a door-forced event. */
    record RecordDoorForced() implements SessionAction {
    }

    /** No receipt came in time for a committed deposit (claw kiosks may grant plays offline). */
    record ReceiptOverdue(String eventId, int netGrams) implements SessionAction {
    }
}
