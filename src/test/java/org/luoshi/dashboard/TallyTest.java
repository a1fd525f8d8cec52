package org.luoshi.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemStatus;

class TallyTest {

    @Test
    void aKeptLineReadsBackAsTheSameNumbersAndSumsAddUp() {
        Tally a = Tally.empty();
        a.addGroup(ItemStatus.IN_PROGRESS, ItemKind.PROJECT, new int[] {3, 3, 0, 0, 1, 1, 1, 1, 2});
        a.addGroup(ItemStatus.CLOSED, ItemKind.TARGET, new int[] {2, 0, 2, 1, 0, 0, 0, 0, 0});
        a.addMonth(5, 2, 40);
        a.addMonth(6, 9, 9); // outside the six months: not counted
        Tally b = Tally.decode(a.encode());

        assertThat(b).isEqualTo(a);
        assertThat(b.status(ItemStatus.IN_PROGRESS)).isEqualTo(3);
        assertThat(b.kind(ItemKind.TARGET)).isEqualTo(2);
        assertThat(b.get(Tally.N)).isEqualTo(5);
        assertThat(b.get(Tally.ON_TIME)).isEqualTo(1);
        assertThat(b.closedIn(5)).isEqualTo(2);
        assertThat(b.reportsIn(5)).isEqualTo(40);
        assertThat(Tally.empty().add(a).add(b).get(Tally.MISSING)).isEqualTo(4);
    }

    @Test
    void aLineOfAnotherLayoutIsRefused() {
        String line = Tally.empty().encode();
        assertThatThrownBy(() -> Tally.decode(line + ",1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tally.decode(line.substring(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tally.decode(line.replaceFirst("0", "x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Tally.decode(line.replaceFirst("0,", ",")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
