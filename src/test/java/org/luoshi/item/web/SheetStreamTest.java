package org.luoshi.item.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.luoshi.item.web.SheetStream.Look;

class SheetStreamTest {

    private static final Look[] HEADS = {Look.HEAD, Look.HEAD, Look.HEAD};
    private static final Look[] LOOKS = {Look.PLAIN, Look.WRAP, Look.PLAIN};

    @Test
    void textThatXmlOrTheSpreadsheetsEscapesWouldChangeReadsBackAsWritten() throws Exception {
        List<String> texts = List.of(
                "推进<老旧小区>改造 & 加装电梯",
                "  前后有空格  ",
                "第一行\n第二行\r\n第三行\t制表",
                "控制字符\u0001\u001f在此",
                "字面的 _x0041_ 不是转义，_x12_ 与 _xZZZZ_ 也不是",
                "引号\"和'撇号",
                "𠀀𩸽 扩展区汉字与😀",
                "末尾下划线_");
        byte[] file = write(texts);
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            Sheet sheet = wb.getSheetAt(0);
            List<String> read = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(row.getCell(0).getNumericCellValue()).isEqualTo(r);
                read.add(row.getCell(1).getStringCellValue());
            }
            assertThat(read).containsExactlyElementsOf(texts);
        }
    }

    @Test
    void theSheetHasItsNameWidthsFrozenHeaderFilterAndLooks() throws Exception {
        byte[] file = write(List.of("甲", "乙"));
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(file))) {
            XSSFSheet sheet = wb.getSheet("督办'台账&");
            assertThat(sheet).isNotNull();
            assertThat(sheet.getColumnWidth(1)).isEqualTo(36 * 256);
            var pane = sheet.getPaneInformation();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getVerticalSplitPosition()).isEqualTo((short) 1);
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:C3");
            assertThat(wb.getName("_xlnm._FilterDatabase").getRefersToFormula()).isEqualTo("'督办''台账&'!$A$1:$C$3");

            XSSFCell head = sheet.getRow(0).getCell(1);
            assertThat(head.getStringCellValue()).isEqualTo("内容");
            assertThat(wb.getFontAt(head.getCellStyle().getFontIndex()).getBold())
                    .isTrue();
            assertThat(head.getCellStyle().getAlignment()).isEqualTo(HorizontalAlignment.CENTER);
            XSSFCell text = sheet.getRow(1).getCell(1);
            assertThat(text.getCellStyle().getWrapText()).isTrue();
            assertThat(text.getCellStyle().getVerticalAlignment()).isEqualTo(VerticalAlignment.TOP);
            XSSFCell plain = sheet.getRow(1).getCell(0);
            assertThat(plain.getCellStyle().getWrapText()).isFalse();
            assertThat(wb.getFontAt(plain.getCellStyle().getFontIndex()).getBold())
                    .isFalse();
            assertThat(sheet.getRow(1).getCell(2))
                    .as("an empty plain cell is left out")
                    .isNull();
        }
    }

    @Test
    void columnNamesRunPastZ() {
        assertThat(List.of(0, 25, 26, 27, 51, 52, 701, 702).stream().map(SheetStream::column))
                .containsExactly("A", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA");
    }

    private static byte[] write(List<String> texts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetStream sheet = new SheetStream(out, "督办'台账&", new double[] {6, 36, 10}, 1)) {
            sheet.row(null, new String[] {"序号", "内容", "备注"}, HEADS);
            long n = 1;
            for (String t : texts) {
                sheet.row(n++, new String[] {null, t, ""}, LOOKS);
            }
        }
        return out.toByteArray();
    }
}
