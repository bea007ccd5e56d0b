package org.carbonkiosk.protocol.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DecisionTest {

    @Test
    void credited_aboveZero_hasNoReason() {
        Decision d = Decision.credited(1230);
        assertThat(d.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(d.reason()).isEmpty();
        assertThat(d.creditedGrams()).isEqualTo(1230);
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void of_everyReason_takesItsStatusAndNoGrams(Reason reason) {
        Decision d = Decision.of(reason);
        assertThat(d.status()).isEqualTo(reason.status());
        assertThat(d.reason()).contains(reason);
        assertThat(d.creditedGrams()).isZero();
        assertThat(Reason.fromWire(reason.wire())).contains(reason);
    }

    @Test
    void reasons_carryTheStatusOfProtocolSection5() {
        assertThat(Reason.CAP_REACHED.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(Reason.BELOW_MINIMUM.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(Reason.CARD_UNBOUND.status()).isEqualTo(DecisionStatus.HELD);
        assertThat(Reason.CLOCK_SKEW.status()).isEqualTo(DecisionStatus.HELD);
        assertThat(Reason.MALFORMED.status()).isEqualTo(DecisionStatus.REJECTED);
        assertThat(Reason.SEQ_CONFLICT.wire()).isEqualTo("seq-conflict");
    }

    @Test
    void invariants_contradictionsAreRefused() {
        assertThatThrownBy(() -> Decision.credited(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decision.credited(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decision.held(Reason.CARD_BLOCKED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decision.rejected(Reason.STALE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Decision.creditedNothing(Reason.MALFORMED)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Decision(DecisionStatus.HELD, Optional.of(Reason.STALE), 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Decision.creditedNothing(Reason.CAP_REACHED).creditedGrams()).isZero();
    }

    @Test
    void recorded_nonDepositEventIsCreditedZeroWithoutReason() {
        Decision d = Decision.recorded();

        assertThat(d.status()).isEqualTo(DecisionStatus.CREDITED);
        assertThat(d.reason()).isEmpty();
        assertThat(d.creditedGrams()).isZero();
        assertThat(d.isRecordedOnly()).isTrue();
        assertThat(Decision.credited(1).isRecordedOnly()).isFalse();
        assertThat(Decision.creditedNothing(Reason.CAP_REACHED).isRecordedOnly()).isFalse();
    }
}
