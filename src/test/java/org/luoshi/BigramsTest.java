package org.luoshi;

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
    void aDocumentIsItsPairsLoneCharactersAndWordsInOrder() {
        assertThat(Bigrams.document("督查整改 5G基站，督")).isEqualTo(" 督查 查整 整改 5g 基站 督");
        assertThat(Bigrams.document("Hello, 世界!")).isEqualTo(" hello 世界");
        assertThat(Bigrams.document("")).isEmpty();
    }
}
