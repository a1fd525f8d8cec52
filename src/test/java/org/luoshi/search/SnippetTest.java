package org.luoshi.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SnippetTest {

    @Test
    void aSnippetShowsTheTermInItsPlace() {
        String text = "一".repeat(100) + "整改到位" + "二".repeat(100);
        String s = SearchService.snippet(text, "整改");
        assertThat(s).startsWith("…").endsWith("…").contains("整改到位");
        assertThat(s.length()).isLessThanOrEqualTo(122);
    }
}
