package org.luoshi.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Pdf;

/** The rendered document as LibreOffice lays it out: A4, 22 lines a page, 28 characters a line. */
class OfficialLayoutIT {

    @Test
    void aFullPageHolds22LinesOf28Characters() throws Exception {
        Path docx = Path.of("target/documents/layout-sample.docx");
        Files.createDirectories(docx.getParent());
        Files.write(docx, Gbt9704.render(Gbt9704Test.sample()));
        Pdf pdf = Pdf.of(docx);

        assertThat(pdf.pageSize()).contains("(A4)");
        assertThat(pdf.pages()).isGreaterThanOrEqualTo(2);
        // the sample's paragraph of one-width characters: full lines of exactly 28
        List<String> first = pdf.lines(1);
        List<String> paragraph = first.stream()
                .map(String::strip)
                .filter(l -> l.matches("[督查办抓落实]+"))
                .toList();
        assertThat(paragraph).hasSizeGreaterThan(3);
        // its first line is indented by two characters and its last is what remains
        assertThat(paragraph.getFirst()).hasSize(26);
        assertThat(paragraph.subList(1, paragraph.size() - 1))
                .allSatisfy(l -> assertThat(l).hasSize(28));
        // page 2 is body only: 22 lines of text, then the page number "— 2 —" on the left
        List<String> second = pdf.lines(2);
        assertThat(second.getLast().replace(" ", "")).isEqualTo("—2—");
        assertThat(second.subList(0, second.size() - 1)).hasSize(22);
    }
}
