package org.luoshi.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import org.junit.jupiter.api.Timeout;
import org.luoshi.DomainException;

/** An uploaded summary (.docx or text in any encoding) becomes documents or a plain refusal. */
class SummaryFilesFuzzTest {

    @FuzzTest
    @Timeout(10)
    void anyUploadIsParsedOrRefusedPlainly(FuzzedDataProvider data) {
        String name = data.pickValue(new String[] {"总结.docx", "总结.txt", "汇编.TXT", "无扩展名"});
        byte[] bytes = data.consumeRemainingAsBytes();
        try {
            String text = SummaryFiles.text(name, bytes);
            assertThat(SummaryParser.parse(name, text)).isNotNull();
        } catch (DomainException refused) {
            assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(refused.getMessage()).isNotBlank();
        }
    }

    @FuzzTest
    @Timeout(10)
    void anyTextIsSplitIntoDocuments(@NotNull String text) {
        var documents = SummaryParser.parse("总结.txt", text);
        assertThat(documents).isNotNull();
        documents.forEach(d -> assertThat(d.title()).isNotNull());
    }
}
