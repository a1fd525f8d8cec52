package org.luoshi.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.luoshi.DomainException;

/** What offices' workbooks contain, read as the importer sees it, and what is refused. */
class SheetReaderTest {

    /** 任务 | 数量 | 翻倍 (a formula) | 牵头领导 merged over the two tasks. */
    private static byte[] workbook() throws Exception {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("台账");
            Row h = s.createRow(0);
            h.createCell(0).setCellValue("任务");
            h.createCell(1).setCellValue("数量");
            h.createCell(2).setCellValue("翻倍");
            h.createCell(3).setCellValue("牵头领导");
            for (int i = 1; i <= 2; i++) {
                Row r = s.createRow(i);
                r.createCell(0).setCellValue("任务" + i);
                r.createCell(1).setCellValue(20 + i);
                r.createCell(2).setCellFormula("B" + (i + 1) + "*2");
            }
            s.getRow(1).createCell(3).setCellValue("张志远");
            s.addMergedRegion(new CellRangeAddress(1, 2, 3, 3));
            // Excel keeps each formula's last result: so does this file
            wb.getCreationHelper().createFormulaEvaluator().evaluateAll();
            wb.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void aCellReferencesColumnIsItsLettersInBase26AsPoiReadsThem() {
        assertThat(SheetReader.column("A1")).isZero();
        assertThat(SheetReader.column("Z9")).isEqualTo(25);
        assertThat(SheetReader.column("AA10")).isEqualTo(26);
        assertThat(SheetReader.column("$AB$12")).isEqualTo(27);
        assertThat(SheetReader.column("XFD1048576")).isEqualTo(16383);
        for (int c = 0; c < 16384; c += 37) {
            String ref = CellReference.convertNumToColString(c) + (c % 1000 + 1);
            assertThat(SheetReader.column(ref)).as(ref).isEqualTo(new CellReference(ref).getCol());
        }
    }

    @Test
    void textInRunsOfDifferentFontsReadsAsOneString() throws Exception {
        byte[] file;
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("台账");
            var bold = wb.createFont();
            bold.setBold(true);
            var text = new org.apache.poi.xssf.usermodel.XSSFRichTextString("重点任务：城市更新");
            text.applyFont(0, 4, bold);
            s.createRow(0).createCell(0).setCellValue(text);
            s.getRow(0).createCell(1).setCellValue("普通");
            wb.write(out);
            file = out.toByteArray();
        }
        List<SheetRow> rows = SheetReader.read(new ByteArrayInputStream(file), false);
        assertThat(rows.getFirst().cells()).containsExactly("重点任务：城市更新", "普通");
    }

    @Test
    void formulasReadAsTheirResultsAndMergedCellsFillEveryRowTheyCover() throws Exception {
        List<SheetRow> rows = SheetReader.read(new ByteArrayInputStream(workbook()), false);

        assertThat(rows).hasSize(3);
        assertThat(rows.get(1).cell(2)).isEqualTo("42");
        assertThat(rows.get(2).cell(2)).isEqualTo("44");
        assertThat(rows.get(1).cell(3)).isEqualTo("张志远");
        assertThat(rows.get(2).cell(3)).isEqualTo("张志远");
        assertThat(rows.get(2).number()).isEqualTo(3);
    }

    /** The workbook above with its first sheet replaced by this XML. */
    private static byte[] withSheet(String sheetXml) throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook()));
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(
                        e.getName().equals("xl/worksheets/sheet1.xml")
                                ? sheetXml.getBytes(StandardCharsets.UTF_8)
                                : data);
            }
        }
        return file.toByteArray();
    }

    @Test
    void inlineStringsAsProgramsWriteThemReadAsTheirTextRunsJoinedReadingAidsLeftOutEscapesUndone() throws Exception {
        byte[] file = withSheet("""
                <?xml version="1.0" encoding="UTF-8"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
                <row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>重点</t></r><r><t xml:space="preserve">任务 </t></r>                <rPh sb="0" eb="2"><t>ジュウテン</t></rPh></is></c>                <c r="B1" t="inlineStr"><is><t>第一行_x000D_第二行</t></is></c>                <c r="C1" t="inlineStr"><is><t></t></is></c>                <c r="D1"><v>12</v></c>                <c r="E1" t="s"><v>0</v></c>                <c r="F1" t="inlineStr"><is><t>1.50</t></is></c></row>
                <row r="2"><c r="A2" t="str"><f>A1</f><v>重点任务 </v></c><c r="B2" t="inlineStr"><is><t>末</t></is></c></row>
                </sheetData></worksheet>
                """);
        List<SheetRow> rows = SheetReader.read(new ByteArrayInputStream(file), false);
        assertThat(rows).hasSize(2);
        // shared string 0 of the workbook this sheet was put into is its first header
        assertThat(rows.get(0).cells()).containsExactly("重点任务 ", "第一行\r第二行", "", "12", "任务", "1.50");
        assertThat(rows.get(1).cells()).containsExactly("重点任务 ", "末");
    }

    @Test
    void aWorkbookWhoseSheetInflatesHugelyIsRefusedAsABomb() throws Exception {
        // the same workbook with 60 MB of blanks in its sheet: a few hundred kilobytes on disk
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(workbook()));
                ZipOutputStream out = new ZipOutputStream(bomb)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                out.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(data, StandardCharsets.UTF_8);
                    int at = xml.indexOf("<sheetData>");
                    out.write(xml.substring(0, at).getBytes(StandardCharsets.UTF_8));
                    byte[] blanks = new byte[1 << 20];
                    Arrays.fill(blanks, (byte) ' ');
                    for (int i = 0; i < 60; i++) {
                        out.write(blanks);
                    }
                    out.write(xml.substring(at).getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(data);
                }
            }
        }
        assertThat(bomb.size()).isLessThan(500_000);

        assertThatThrownBy(() -> SheetReader.read(new ByteArrayInputStream(bomb.toByteArray()), false))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("压缩炸弹");
    }

    @Test
    void whatIsNotAWorkbookIsRefusedPlainly() throws Exception {
        byte[] good = workbook();
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        for (byte[] bad : List.of(
                truncated,
                "序号,任务\n1,改造公厕".getBytes(StandardCharsets.UTF_8),
                new byte[0],
                "{\"not\": \"a workbook\"}".getBytes(StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> SheetReader.read(new ByteArrayInputStream(bad), false))
                    .isInstanceOf(DomainException.class)
                    .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("不是有效的 Excel 工作簿", "无法读取"));
        }
    }
}
