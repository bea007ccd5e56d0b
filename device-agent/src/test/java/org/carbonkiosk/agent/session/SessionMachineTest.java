package org.carbonkiosk.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carbonkiosk.agent.display.DisplayMessage;
import org.carbonkiosk.agent.session.SessionAction.CloseJournal;
import org.carbonkiosk.agent.session.SessionAction.Lock;
import org.carbonkiosk.agent.session.SessionAction.OpenJournal;
import org.carbonkiosk.agent.session.SessionAction.ReceiptOverdue;
import org.carbonkiosk.agent.session.SessionAction.RecordBinEmptied;
import org.carbonkiosk.agent.session.SessionAction.RecordDeposit;
import org.carbonkiosk.agent.session.SessionAction.RecordDoorForced;
import org.carbonkiosk.agent.session.SessionAction.Show;
import org.carbonkiosk.agent.session.SessionAction.Unlock;
import org.carbonkiosk.agent.session.SessionInput.CardTapped;
import org.carbonkiosk.agent.session.SessionInput.Committed;
import org.carbonkiosk.agent.session.SessionInput.Door;
import org.carbonkiosk.agent.session.SessionInput.Reading;
import org.carbonkiosk.agent.session.SessionInput.ReceiptArrived;
import org.carbonkiosk.agent.session.SessionInput.StoreFailed;
import org.carbonkiosk.agent.session.SessionInput.StoreHealthy;
import org.carbonkiosk.agent.session.SessionInput.Tick;
import org.carbonkiosk.agent.session.SessionState.Phase;
import org.carbonkiosk.protocol.message.DecisionStatus;
import org.carbonkiosk.protocol.message.Reason;
import org.carbonkiosk.protocol.message.Receipt;
import org.junit.jupiter.api.Test;

/** The deposit session, pure: every edge case with its defined outcome. */
class SessionMachineTest {
    private static final String CARD = "a".repeat(64);
    private static final String OTHER = "b".repeat(64);
    private static final SessionRules RULES = new SessionRules(5, 3, 1_000, 2_000, 5_000, 3_000, 60_000);

    /** Drives the machine and remembers every action. */
    private static final class Kiosk {
        final SessionMachine machine = new SessionMachine(RULES);
        SessionState state = SessionState.idle(false);
        long now = 0;
        final List<SessionAction> actions = new ArrayList<>();

        Kiosk feed(SessionInput input) {
            SessionMachine.Step step = machine.step(state, input, now);
            state = step.state();
            actions.addAll(step.actions());
            return this;
        }

        Kiosk weigh(int grams, int times) {
            for (int i = 0; i < times; i++) {
                now += 10;
                feed(Reading.of(grams));
            }
            return this;
        }

        Kiosk at(long ms) {
            now = ms;
            return feed(new Tick());
        }

        List<DisplayMessage> shown() {
            return actions.stream().filter(Show.class::isInstance).map(a -> ((Show) a).message()).toList();
        }

        <T extends SessionAction> List<T> actions(Class<T> type) {
            return actions.stream().filter(type::isInstance).map(type::cast).toList();
        }

        /** Card, steady tare, door open, items, door closed, steady gross. */
        Kiosk deposit(int tare, int gross) {
            feed(new CardTapped(CARD, false)).weigh(tare, 3);
            feed(new Door(true)).weigh(gross, 1).feed(new Door(false));
            return weigh(gross, 3);
        }
    }

    private static Receipt receipt(String eventId, DecisionStatus status, int credited, Reason reason) {
        return new Receipt(eventId, status, credited, Optional.of(2730), Optional.of(4500), Optional.ofNullable(reason),
                false);
    }

    @Test
    void step_normalDeposit_unlocksAfterTareRecordsNetAndShowsReceipt() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false));
        assertThat(k.state.phase()).isInstanceOf(Phase.Taring.class);
        assertThat(k.actions(Unlock.class)).isEmpty();

        k.weigh(10_000, 3);
        assertThat(k.actions(OpenJournal.class)).containsExactly(new OpenJournal(CARD, 10_000));
        assertThat(k.actions.indexOf(new OpenJournal(CARD, 10_000))).isLessThan(k.actions.indexOf(new Unlock()));

        k.feed(new Door(true)).weigh(10_820, 1).feed(new Door(false));
        assertThat(k.actions(Lock.class)).hasSize(1);
        assertThat(k.shown()).contains(new DisplayMessage.LiveWeight(820));

        k.weigh(10_820, 3);
        assertThat(k.actions(RecordDeposit.class)).containsExactly(new RecordDeposit(CARD, 10_000, 10_820));
        assertThat(k.shown()).noneMatch(m -> m instanceof DisplayMessage.Recorded);

        k.feed(new Committed("K:1", 820));
        assertThat(k.shown()).contains(new DisplayMessage.Recorded(820));

        k.feed(new ReceiptArrived(receipt("K:1", DecisionStatus.CREDITED, 1230, null)));
        assertThat(k.shown()).contains(new DisplayMessage.ReceiptShown(820, DecisionStatus.CREDITED, 1230,
                Optional.of(2730), Optional.of(4500), Optional.empty()));
        assertThat(k.state.phase()).isInstanceOf(Phase.Idle.class);
    }

    @Test
    void step_doorNeverOpened_nothingDepositedNoEvent() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false)).weigh(10_000, 3);

        k.at(k.now + 2_000);

        assertThat(k.actions(RecordDeposit.class)).isEmpty();
        assertThat(k.actions(Lock.class)).hasSize(1);
        assertThat(k.actions(CloseJournal.class)).containsExactly(new CloseJournal("nothing-deposited"));
        assertThat(k.shown()).contains(new DisplayMessage.NothingDeposited());
        assertThat(k.state.phase()).isInstanceOf(Phase.Idle.class);
    }

    @Test
    void step_doorOpenedButNothingPutIn_recordsZeroNet() {
        Kiosk k = new Kiosk().deposit(10_000, 10_000);

        assertThat(k.actions(RecordDeposit.class)).containsExactly(new RecordDeposit(CARD, 10_000, 10_000));
    }

    @Test
    void step_itemsTakenOut_recordsNegativeNetAsItIs() {
        Kiosk k = new Kiosk().deposit(10_000, 9_700);
        k.feed(new Committed("K:1", -300));

        assertThat(k.actions(RecordDeposit.class)).containsExactly(new RecordDeposit(CARD, 10_000, 9_700));
        assertThat(k.shown()).contains(new DisplayMessage.LiveWeight(-300), new DisplayMessage.Recorded(-300));
    }

    @Test
    void step_scaleNeverSettlesAfterDoorClosed_noEventAndSaidPlainly() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false)).weigh(10_000, 3);
        k.feed(new Door(true)).feed(new Door(false));
        long closedAt = k.now;
        for (int i = 0; i < 50; i++) {
            k.weigh(10_000 + (i % 2 == 0 ? 0 : 400), 1);
        }
        k.at(closedAt + 1_000);

        assertThat(k.actions(RecordDeposit.class)).isEmpty();
        assertThat(k.actions(CloseJournal.class)).containsExactly(new CloseJournal("scale-unsettled"));
        assertThat(k.shown()).contains(new DisplayMessage.ScaleUnsettled(true));
        assertThat(k.shown()).noneMatch(m -> m instanceof DisplayMessage.Recorded);
        assertThat(k.state.phase()).isInstanceOf(Phase.Idle.class);
    }

    @Test
    void step_scaleReadsFailing_noTareDoorStaysLocked() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false));
        for (int i = 0; i < 20; i++) {
            k.now += 10;
            k.feed(Reading.failed());
        }
        k.at(1_000);

        assertThat(k.actions(Unlock.class)).isEmpty();
        assertThat(k.actions(OpenJournal.class)).isEmpty();
        assertThat(k.shown()).contains(new DisplayMessage.ScaleUnsettled(false));
        assertThat(k.state.phase()).isInstanceOf(Phase.Idle.class);
    }

    @Test
    void step_secondCardDuringSession_busyAndFirstSessionGoesOn() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false)).weigh(10_000, 3).feed(new Door(true));

        k.feed(new CardTapped(OTHER, false));
        k.weigh(10_500, 1).feed(new Door(false)).weigh(10_500, 3);

        assertThat(k.shown()).contains(new DisplayMessage.Busy());
        assertThat(k.actions(RecordDeposit.class)).containsExactly(new RecordDeposit(CARD, 10_000, 10_500));
        assertThat(k.actions(OpenJournal.class)).hasSize(1);
    }

    @Test
    void step_sameCardAgainDuringSession_ignored() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false)).weigh(10_000, 3);

        k.feed(new CardTapped(CARD, false));

        assertThat(k.shown()).doesNotContain(new DisplayMessage.Busy());
        assertThat(k.state.phase()).isInstanceOf(Phase.Open.class);
    }

    @Test
    void step_doorForcedWhileIdle_recordsDoorForcedOncePerOpening() {
        Kiosk k = new Kiosk();

        k.feed(new Door(true)).feed(new Door(true)).feed(new Door(false)).feed(new Door(true));

        assertThat(k.actions(RecordDoorForced.class)).hasSize(2);
        assertThat(k.shown()).contains(new DisplayMessage.DoorForced());
        assertThat(k.state.phase()).isInstanceOf(Phase.Idle.class);
    }

    @Test
    void step_doorOpenAtBoot_isNotCalledForced() {
        Kiosk k = new Kiosk();
        k.state = SessionState.idle(true);

        k.feed(new Door(true));

        assertThat(k.actions(RecordDoorForced.class)).isEmpty();
    }

    @Test
    void step_doorOpenedDuringOwnSession_isNotForced() {
        Kiosk k = new Kiosk().deposit(10_000, 10_300);

        assertThat(k.actions(RecordDoorForced.class)).isEmpty();
    }

    @Test
    void step_blockedCard_saidPlainlyDoorStaysLocked() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, true)).weigh(10_000, 5);

        assertThat(k.shown()).containsExactly(new DisplayMessage.CardBlocked());
        assertThat(k.actions(Unlock.class)).isEmpty();
        assertThat(k.state.phase()).isInstanceOf(Phase.Idle.class);
    }

    @Test
    void step_receiptCardBlocked_shownToTheResident() {
        Kiosk k = new Kiosk().deposit(10_000, 10_500).feed(new Committed("K:7", 500));

        k.feed(new ReceiptArrived(new Receipt("K:7", DecisionStatus.REJECTED, 0, Optional.empty(), Optional.empty(),
                Optional.of(Reason.CARD_BLOCKED), false)));

        DisplayMessage.ReceiptShown shown = (DisplayMessage.ReceiptShown) k.shown().get(k.shown().size() - 1);
        assertThat(shown.reason()).contains(Reason.CARD_BLOCKED);
        assertThat(shown.status()).isEqualTo(DecisionStatus.REJECTED);
    }

    @Test
    void step_noReceiptInTime_recordedOfflineAndOverdueAction() {
        Kiosk k = new Kiosk().deposit(10_000, 10_500).feed(new Committed("K:3", 500));

        k.at(k.now + 3_000);

        assertThat(k.shown()).contains(new DisplayMessage.RecordedOffline(500));
        assertThat(k.actions(ReceiptOverdue.class)).containsExactly(new ReceiptOverdue("K:3", 500));
        assertThat(k.state.phase()).isInstanceOf(Phase.Idle.class);
    }

    @Test
    void step_committedWhileOffline_creditedWhenBackOnlineAtOnce() {
        Kiosk k = new Kiosk().deposit(10_000, 10_500);

        k.feed(new Committed("K:4", 500, false));

        assertThat(k.shown()).containsSubsequence(new DisplayMessage.Recorded(500),
                new DisplayMessage.RecordedOffline(500));
        assertThat(k.actions(ReceiptOverdue.class)).containsExactly(new ReceiptOverdue("K:4", 500));
        assertThat(k.state.phase()).isInstanceOf(Phase.Idle.class);
    }

    @Test
    void step_receiptForAnotherEvent_ignoredWhileWaiting() {
        Kiosk k = new Kiosk().deposit(10_000, 10_500).feed(new Committed("K:3", 500));

        k.feed(new ReceiptArrived(receipt("K:2", DecisionStatus.CREDITED, 100, null)));

        assertThat(k.shown()).noneMatch(m -> m instanceof DisplayMessage.ReceiptShown);
        assertThat(k.state.phase()).isInstanceOf(Phase.AwaitingReceipt.class);
    }

    @Test
    void step_commitFails_outOfServiceNeverRecorded() {
        Kiosk k = new Kiosk().deposit(10_000, 10_500);

        k.feed(new StoreFailed("disk full"));

        assertThat(k.shown()).contains(new DisplayMessage.OutOfService(true));
        assertThat(k.shown()).noneMatch(m -> m instanceof DisplayMessage.Recorded
                || m instanceof DisplayMessage.RecordedOffline || m instanceof DisplayMessage.ReceiptShown);
        assertThat(k.state.phase()).isInstanceOf(Phase.OutOfService.class);
    }

    @Test
    void step_outOfService_refusesCardsUntilStoreHealthy() {
        Kiosk k = new Kiosk().feed(new StoreFailed("disk-low"));

        k.feed(new CardTapped(CARD, false)).weigh(10_000, 5);
        assertThat(k.actions(Unlock.class)).isEmpty();
        assertThat(k.shown()).containsExactly(new DisplayMessage.OutOfService(false),
                new DisplayMessage.OutOfService(false));

        k.feed(new StoreHealthy()).feed(new CardTapped(CARD, false)).weigh(10_000, 3);
        assertThat(k.actions(Unlock.class)).hasSize(1);
    }

    @Test
    void step_storeFailsMidSession_sessionGoesOnAndCommitDecides() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false)).weigh(10_000, 3);

        k.feed(new StoreFailed("disk-low"));

        assertThat(k.state.phase()).isInstanceOf(Phase.Open.class);
    }

    @Test
    void step_doorLeftOpen_locksAndWeighsAfterTimeout() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false)).weigh(10_000, 3).feed(new Door(true));
        long openedAt = k.now;
        k.weigh(10_400, 1);

        k.at(openedAt + 5_000).weigh(10_400, 3);

        assertThat(k.actions(Lock.class)).hasSize(1);
        assertThat(k.actions(RecordDeposit.class)).containsExactly(new RecordDeposit(CARD, 10_000, 10_400));
    }

    @Test
    void step_weightChangesWithoutDoorSwitch_countsAsOpened() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false)).weigh(10_000, 3);

        k.weigh(10_600, 1).at(k.now + 2_000);

        assertThat(k.actions(CloseJournal.class)).isEmpty();
        assertThat(k.state.phase()).isInstanceOf(Phase.Open.class);
    }

    @Test
    void step_newCardWhileAwaitingReceipt_startsNextSession() {
        Kiosk k = new Kiosk().deposit(10_000, 10_500).feed(new Committed("K:1", 500));

        k.feed(new CardTapped(OTHER, false));

        assertThat(k.state.phase()).isInstanceOf(Phase.Taring.class);
    }

    @Test
    void step_scaleNoiseWhileOpen_liveWeightShownOnlyWhenItMovesBeyondTheBand() {
        Kiosk k = new Kiosk().feed(new CardTapped(CARD, false)).weigh(10_000, 3).feed(new Door(true));

        k.weigh(10_002, 1).weigh(9_998, 1).weigh(10_300, 1).weigh(10_303, 1).weigh(10_310, 1);

        assertThat(k.shown()).filteredOn(m -> m instanceof DisplayMessage.LiveWeight)
                .containsExactly(new DisplayMessage.LiveWeight(300), new DisplayMessage.LiveWeight(310));
    }

    @Test
    void step_serviceCard_recordsBinEmptiedWithTheWeightsBeforeAndAfterAndNoDeposit() {
        Kiosk k = new Kiosk().feed(new CardTapped(OTHER, false, CardRole.SERVICE)).weigh(14_000, 3);
        assertThat(k.actions(OpenJournal.class)).containsExactly(new OpenJournal(OTHER, 14_000));
        assertThat(k.shown()).contains(new DisplayMessage.ServiceDoorUnlocked());

        k.feed(new Door(true)).weigh(10_200, 1).feed(new Door(false)).weigh(10_200, 3);

        assertThat(k.actions(RecordBinEmptied.class)).containsExactly(new RecordBinEmptied(OTHER, 14_000, 10_200));
        assertThat(k.actions(RecordDeposit.class)).isEmpty();
        assertThat(k.actions(RecordBinEmptied.class).get(0).removedGrams()).isEqualTo(3_800);

        k.feed(new Committed("K:4", -3_800));

        assertThat(k.shown()).contains(new DisplayMessage.BinEmptied(3_800, 10_200));
        assertThat(k.shown()).noneMatch(m -> m instanceof DisplayMessage.Recorded
                || m instanceof DisplayMessage.RecordedOffline);
        assertThat(k.actions(ReceiptOverdue.class)).isEmpty();
        assertThat(k.state.phase()).isInstanceOf(Phase.Idle.class);
    }

    @Test
    void recordBinEmptied_binHeavierAfter_negativeRemovalReportedAsItIs() {
        assertThat(new RecordBinEmptied(OTHER, 10_000, 10_300).removedGrams()).isEqualTo(-300);
    }

    @Test
    void step_serviceDoorLeftOpen_waitsForTheServiceTimeoutNotTheDepositOne() {
        Kiosk k = new Kiosk().feed(new CardTapped(OTHER, false, CardRole.SERVICE)).weigh(14_000, 3);
        k.feed(new Door(true));
        long opened = k.now;

        k.at(opened + 5_000);
        assertThat(k.state.phase()).isInstanceOf(Phase.Open.class);

        k.at(opened + 60_000);
        assertThat(k.state.phase()).isInstanceOf(Phase.Settling.class);
        assertThat(k.actions(Lock.class)).hasSize(1);
    }

    @Test
    void settler_spreadWithinBand_settlesOnRoundedMean() {
        Settler s = Settler.empty().add(100, 3).add(104, 3).add(103, 3);

        assertThat(s.settled(5, 3)).hasValue(102);
        assertThat(s.add(120, 3).settled(5, 3)).isEmpty();
    }
}
