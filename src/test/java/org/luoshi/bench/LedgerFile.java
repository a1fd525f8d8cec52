package org.luoshi.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a ledger of N tasks over the demo city's units, for measuring imports:
 * {@code java -cp … org.luoshi.bench.LedgerFile 10000 /tmp/ledger-10000.xlsx [year] [title prefix]}.
 */
public final class LedgerFile {

    private static final List<String> UNITS =
            List.of("临江区", "青山区", "云溪县", "石门县", "北湖县", "市发改委", "市财政局", "市住建局", "市交通运输局", "市教育局");
    private static final List<String> WORK = List.of("改造老旧小区", "新建城市书房", "整治背街小巷", "建设口袋公园", "修复路灯", "新建停车场");

    private LedgerFile() {}

    public static void main(String[] args) throws IOException {
        int n = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        int year = args.length > 2 ? Integer.parseInt(args[2]) : 2099;
        String prefix = args.length > 3 ? args[3] : "";
        java.nio.file.Files.write(file, of(n, UNITS, "张志远", prefix, year));
        System.out.println("wrote " + n + " tasks to " + file);
    }

    /**
     * A ledger of {@code n} tasks led and co-handled by {@code units} (names as the platform knows
     * them), every third with {@code leader} when given, each with a figure to reach.
     */
    public static byte[] of(int n, List<String> units, String leader, String prefix, int year) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(500);
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            Sheet s = wb.createSheet("台账");
            String[] header = {"序号", "工作任务", "具体内容", "牵头领导", "牵头单位", "配合单位", "完成时限", "指标"};
            Row h = s.createRow(0);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
            }
            for (int i = 1; i <= n; i++) {
                Row r = s.createRow(i);
                r.createCell(0).setCellValue(i);
                r.createCell(1).setCellValue(prefix + WORK.get(i % WORK.size()) + "（第" + i + "项）");
                r.createCell(2).setCellValue("按计划推进，年内完成。");
                r.createCell(3).setCellValue(leader != null && i % 3 == 0 ? leader : "");
                r.createCell(4).setCellValue(units.get(i % units.size()));
                r.createCell(5).setCellValue(units.get((i + 1) % units.size()));
                r.createCell(6).setCellValue(year + "年" + (1 + i % 12) + "月底");
                r.createCell(7).setCellValue("完成投资" + (1 + i % 9) + "亿元");
            }
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        }
    }
}
