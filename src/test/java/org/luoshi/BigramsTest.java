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

    @Test
    void aTermFindsTheTextItWasTakenFrom() {
        // both sides cut by code point: a character outside the BMP is a letter of a word on either side
        for (String text : new String[] {"督查整改 5G基站，督", "𠮷野家", "A𝐁c整改", "临江区河道整治三年行动（2026）"}) {
            var words = java.util.Set.of(Bigrams.document(text).strip().split(" "));
            for (String part : Bigrams.query(text).split(" & ")) {
                assertThat(part.endsWith(":*") ? part.substring(0, part.length() - 2) : part)
                        .as(text)
                        .isIn(words);
            }
        }
        assertThat(Bigrams.query("𠮷野家")).isEqualTo("𠮷 & 野家");
    }
}
