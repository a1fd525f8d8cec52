package org.luoshi.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BigramsTest {

    @Test
    void aTermIsThePairsItIsMadeOf() {
        assertThat(Bigrams.query("督查")).isEqualTo("督查");
        assertThat(Bigrams.query("督查整改")).isEqualTo("督查 & 查整 & 整改");
        assertThat(Bigrams.query("督")).isEqualTo("督:*");
        assertThat(Bigrams.query("5G基站")).isEqualTo("5g & 基站");
        assertThat(Bigrams.query("整改 落实")).isEqualTo("整改 & 落实");
    }

    @Test
    void nothingOfTheQuerySyntaxPassesThrough() {
        assertThat(Bigrams.query("a' | !b & (c)")).isEqualTo("a & b & c");
        assertThat(Bigrams.query("!!!")).isEmpty();
    }

    @Test
    void aSnippetShowsTheTermInItsPlace() {
        String text = "一".repeat(100) + "整改到位" + "二".repeat(100);
        String s = Bigrams.snippet(text, "整改");
        assertThat(s).startsWith("…").endsWith("…").contains("整改到位");
        assertThat(s.length()).isLessThanOrEqualTo(122);
    }
}
