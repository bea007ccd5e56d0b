package org.carbonkiosk.agent.display;

import java.util.Optional;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;

/** Everything the kiosk can say to a resident; {@link DisplayTexts} turns it into words. */
public sealed interface DisplayMessage {

    /** Waiting for a card. */
    record Ready() implements DisplayMessage {
    }

    /** Card read; the empty weight is being taken (door still locked). */
    record CardRead() implements DisplayMessage {
    }

    /** The door is unlocked: put the items in and close it. */
    record DoorUnlocked() implements DisplayMessage {
    }

    /** A service card's session: the door is unlocked to empty the bin. */
    record ServiceDoorUnlocked() implements DisplayMessage {
    }

    /** A service card's session is committed as a bin-emptied event. */
    record BinEmptied(int removedGrams, int binGramsAfter) implements DisplayMessage {
    }

    /** The weight so far in this session (may be negative when items are taken out). */
    record LiveWeight(int netGrams) implements DisplayMessage {
    }

    /** Door closed; waiting for the scale to settle. */
    record Weighing() implements DisplayMessage {
    }

    /** The deposit is signed and committed to the kiosk's store (only ever shown after the commit). */
    record Recorded(int netGrams) implements DisplayMessage {
    }

    /** The collector's answer to this deposit. */
    record ReceiptShown(int netGrams, DecisionStatus status, int creditedGrams, Optional<Integer> monthCreditedGrams,
                        Optional<Integer> monthCapGrams, Optional<Reason> reason) implements DisplayMessage {
    }

    /** Committed, but no receipt came in time: it will be credited when the kiosk is back online. */
    record RecordedOffline(int netGrams) implements DisplayMessage {
    }

    /** The door was never opened: nothing recorded. */
    record NothingDeposited() implements DisplayMessage {
    }

    /** The scale did not give a steady weight in time; {@code depositLost} when items were already inside. */
    record ScaleUnsettled(boolean itemsInside) implements DisplayMessage {
    }

    /** Another card was tapped while a deposit is in progress. */
    record Busy() implements DisplayMessage {
    }

    /** The card is blocked (lost or cloned): no deposit is accepted with it. */
    record CardBlocked() implements DisplayMessage {
    }

    /** The kiosk cannot record deposits now; {@code depositNotRecorded} when a deposit just failed to commit. */
    record OutOfService(boolean depositNotRecorded) implements DisplayMessage {
    }

    /** Plays granted on a claw kiosk. */
    record PlaysGranted(int plays) implements DisplayMessage {
    }

    /** The door was opened while locked; reported. */
    record DoorForced() implements DisplayMessage {
    }
}
