package org.luoshi.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnitPathTest {

    @Test
    void subtreeRangeCoversDescendantsAndNothingElse() {
        UnitPath county = UnitPath.root(1).child(7);
        String lo = county.value();
        String hi = county.upperBound();
        assertThat(lo).isEqualTo("/1/7/");
        assertThat(hi).isEqualTo("/1/70");
        // descendants fall inside [lo, hi) in byte order; the sibling /1/70/ and /1/8/ do not
        assertThat(inRange("/1/7/42/", lo, hi)).isTrue();
        assertThat(inRange("/1/7/", lo, hi)).isTrue();
        assertThat(inRange("/1/70/", lo, hi)).isFalse();
        assertThat(inRange("/1/71/", lo, hi)).isFalse();
        assertThat(inRange("/1/8/", lo, hi)).isFalse();
        assertThat(inRange("/1/", lo, hi)).isFalse();
    }

    @Test
    void containsIsPrefixOnWholeSegments() {
        UnitPath county = new UnitPath("/1/7/");
        assertThat(county.contains(new UnitPath("/1/7/9/"))).isTrue();
        assertThat(county.contains(new UnitPath("/1/77/"))).isFalse();
        assertThat(county.depth()).isEqualTo(2);
    }

    @Test
    void rejectsMalformedPaths() {
        assertThatThrownBy(() -> new UnitPath("1/7")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scopeCoversOnlyItsSubtrees() {
        UnitScope scope = UnitScope.of(new UnitPath("/1/7/"), new UnitPath("/1/9/"));
        assertThat(scope.covers(new UnitPath("/1/9/3/"))).isTrue();
        assertThat(scope.covers(new UnitPath("/1/8/"))).isFalse();
        assertThat(UnitScope.none().covers(new UnitPath("/1/"))).isFalse();
        assertThat(UnitScope.all().covers(new UnitPath("/5/"))).isTrue();
    }

    private static boolean inRange(String path, String lo, String hi) {
        return path.compareTo(lo) >= 0 && path.compareTo(hi) < 0;
    }
}
