package org.luoshi.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.junit.jupiter.api.Test;
import org.luoshi.DomainException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;

/** The layout GB/T 9704 asks for, read back from the rendered file. */
class Gbt9704Test {

    static OfficialText sample() {
        List<OfficialText.Block> body = new ArrayList<>();
        body.add(OfficialText.Block.heading(1, "一、上半年工作完成情况"));
        // characters of one width only, to count 28 to a line
        body.add(OfficialText.Block.paragraph("督查督办抓落实".repeat(20)));
        for (int i = 0; i < 12; i++) {
            body.add(OfficialText.Block.paragraph(
                    "上半年，全区共承担督办事项18项，已办结5项，按期办结率100%；" + "重点项目完成投资3.2亿元，占年计划的56%，超时间进度6个百分点。"));
        }
        body.add(OfficialText.Block.heading(2, "（一）重点项目工作"));
        body.add(OfficialText.Block.heading(3, "1.新能源电池产业园"));
        body.add(OfficialText.Block.heading(4, "（1）一期厂房"));
        body.add(OfficialText.Block.paragraph("已于5月20日办结。"));
        return new OfficialText("青山区2026年上半年工作总结和下半年工作安排", body, "青山区人民政府", "2026年7月5日");
    }

    private static XWPFDocument read(byte[] bytes) throws Exception {
        return new XWPFDocument(new ByteArrayInputStream(bytes));
    }

    @Test
    void pageMarginsAndGridAreThoseOfTheStandard() throws Exception {
        byte[] docx = Gbt9704.render(sample());
        Path out = Path.of("target/documents/gbt9704-sample.docx");
        Files.createDirectories(out.getParent());
        Files.write(out, docx); // for a look through LibreOffice: README "公文版式"
        try (XWPFDocument doc = read(docx)) {
            CTSectPr sect = doc.getDocument().getBody().getSectPr();
            // twips: 1 mm = 56.69
            assertThat(((java.math.BigInteger) sect.getPgSz().getW()).intValue())
                    .isBetween(11_900, 11_910);
            assertThat(((java.math.BigInteger) sect.getPgSz().getH()).intValue())
                    .isBetween(16_835, 16_845);
            assertThat(((java.math.BigInteger) sect.getPgMar().getTop()).intValue())
                    .isBetween(2_095, 2_100);
            assertThat(((java.math.BigInteger) sect.getPgMar().getLeft()).intValue())
                    .isBetween(1_585, 1_590);
            assertThat(((java.math.BigInteger) sect.getPgMar().getBottom()).intValue())
                    .isBetween(1_982, 1_986);
            assertThat(((java.math.BigInteger) sect.getPgMar().getRight()).intValue())
                    .isBetween(1_472, 1_476);
            // 22 lines in the 225 mm type area
            int pitch = sect.getDocGrid().getLinePitch().intValue();
            assertThat(22 * pitch).isBetween(12_730, 12_756);
        }
    }

    @Test
    void fontsAndSizesFollowTheHeadingLevels() throws Exception {
        try (XWPFDocument doc = read(Gbt9704.render(sample()))) {
            List<XWPFParagraph> ps = doc.getParagraphs();
            assertRun(ps.get(0), "方正小标宋简体", 22, false);
            assertRun(ps.get(1), "黑体", 16, false);
            assertRun(ps.get(2), "仿宋_GB2312", 16, false);
            assertRun(ps.get(15), "楷体_GB2312", 16, false);
            assertRun(ps.get(16), "仿宋_GB2312", 16, true);
            assertRun(ps.get(17), "仿宋_GB2312", 16, true);
            assertThat(ps.get(2).getFirstLineIndent()).isEqualTo(640);
            String footer = doc.getFooterArray(0).getText() + "|"
                    + doc.getFooterArray(1).getText();
            assertThat(footer).contains("—");
            XWPFRun number =
                    doc.getFooterArray(0).getParagraphs().getFirst().getRuns().getFirst();
            assertThat(number.getFontSizeAsDouble()).isEqualTo(14.0);
            assertThat(number.getCTR().getRPr().getRFontsArray(0).getEastAsia()).isEqualTo("宋体");
            assertThat(doc.getSettings().getEvenAndOddHeadings()).isTrue();
        }
    }

    @Test
    void theFontTableNamesTheFallbackOfEachGovernmentFont() throws Exception {
        try (XWPFDocument doc = read(Gbt9704.render(sample()))) {
            var parts = doc.getPackage().getPartsByContentType(Gbt9704.FONT_TABLE_TYPE);
            assertThat(parts).hasSize(1);
            String xml = new String(
                    parts.getFirst().getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(xml)
                    .contains("w:name=\"方正小标宋简体\"><w:altName w:val=\"小标宋\"/>")
                    .contains("w:name=\"仿宋_GB2312\"><w:altName w:val=\"仿宋\"/>")
                    .contains("w:name=\"楷体_GB2312\"><w:altName w:val=\"楷体\"/>");
        }
    }

    private static void assertRun(XWPFParagraph p, String font, double size, boolean bold) {
        XWPFRun r = p.getRuns().getFirst();
        assertThat(r.getCTR().getRPr().getRFontsArray(0).getEastAsia())
                .as(p.getText())
                .isEqualTo(font);
        assertThat(r.getFontSizeAsDouble()).as(p.getText()).isEqualTo(size);
        assertThat(r.isBold()).as(p.getText()).isEqualTo(bold);
    }

    @Test
    void aTemplateReceivesTitleBodyAndSignatureWhereItsPlaceholdersStand() throws Exception {
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        try (XWPFDocument t = new XWPFDocument()) {
            t.createParagraph().createRun().setText("青山区人民政府办公室文件");
            XWPFParagraph title = t.createParagraph();
            title.createRun().setText("{{");
            title.createRun().setText("标题}}"); // Word often splits a placeholder across runs
            t.createParagraph().createRun().setText("{{正文}}");
            t.createParagraph().createRun().setText("{{落款}}　{{日期}}");
            t.write(template);
        }
        try (XWPFDocument doc = read(Gbt9704.fill(template.toByteArray(), sample()))) {
            List<String> texts =
                    doc.getParagraphs().stream().map(XWPFParagraph::getText).toList();
            assertThat(texts.getFirst()).isEqualTo("青山区人民政府办公室文件");
            assertThat(texts.get(1)).isEqualTo("青山区2026年上半年工作总结和下半年工作安排");
            assertThat(texts.get(2)).isEqualTo("一、上半年工作完成情况");
            assertThat(texts.getLast()).isEqualTo("青山区人民政府　2026年7月5日");
            assertThat(String.join("", texts)).doesNotContain("{{");
            assertThat(texts).hasSize(2 + sample().body().size() + 1);
        }
    }

    @Test
    void aTemplateWithoutABodyPlaceholderOrNotAWordFileIsRefused() throws Exception {
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        try (XWPFDocument t = new XWPFDocument()) {
            t.createParagraph().createRun().setText("{{标题}}");
            t.write(template);
        }
        assertThatThrownBy(() -> Gbt9704.fill(template.toByteArray(), sample()))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("{{正文}}");
        assertThatThrownBy(() -> Gbt9704.fill("not a docx".getBytes(), sample()))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("不是有效的 Word 文档");
    }
}
