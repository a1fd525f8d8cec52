package org.luoshi.importing;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.SAXParserFactory;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.luoshi.DomainException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads an .xlsx as rows of text with a streaming parser, so that memory stays bounded whatever the
 * sheet's size: cells as Excel shows them (formulas by their cached value), merged cells filled from
 * their top-left cell, and refusals for what is not a workbook or is one built to exhaust memory.
 */
final class SheetReader {

    static final int MAX_ROWS = 100_000;
    static final int MAX_COLUMNS = 60;

    static {
        // a zip bomb inflates far beyond its size: refuse entries that expand more than 100 times
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(200L * 1024 * 1024);
    }

    private SheetReader() {}

    /** The first sheet's rows, or each sheet's in turn when {@code allSheets}. */
    static List<SheetRow> read(InputStream in, boolean allSheets) {
        try (OPCPackage pkg = OPCPackage.open(in)) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            StylesTable styles = reader.getStylesTable();
            List<SheetRow> rows = new ArrayList<>();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                byte[] xml;
                try (InputStream sheet = sheets.next()) {
                    xml = sheet.readAllBytes();
                }
                String name = sheets.getSheetName();
                List<CellRangeAddress> merges = merges(xml);
                Collector collector = new Collector(name);
                XMLReader parser = parser();
                parser.setContentHandler(new XSSFSheetXMLHandler(
                        styles, null, strings, collector, new DataFormatter(java.util.Locale.CHINA), false));
                parser.parse(new InputSource(new java.io.ByteArrayInputStream(xml)));
                rows.addAll(fill(collector.rows, merges));
                if (!allSheets) {
                    break;
                }
            }
            return rows;
        } catch (org.apache.poi.EmptyFileException e) {
            throw DomainException.invalid("import.empty", "file", "文件是空的，不是有效的 Excel 工作簿（.xlsx）");
        } catch (OpenXML4JException | org.apache.poi.UnsupportedFileFormatException e) {
            throw DomainException.invalid(
                    "import.notXlsx", "file", "文件不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再导入");
        } catch (IOException
                | org.xml.sax.SAXException
                | javax.xml.parsers.ParserConfigurationException
                | IllegalStateException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (why.contains("Zip bomb") || why.contains("inflate")) {
                throw DomainException.invalid("import.bomb", "file", "文件解压后异常巨大，疑似压缩炸弹，已拒绝");
            }
            throw DomainException.invalid(
                    "import.unreadable",
                    "file",
                    "无法读取该 Excel 文件：{0}",
                    why.length() > 200 ? why.substring(0, 200) : why);
        }
    }

    private static XMLReader parser() throws javax.xml.parsers.ParserConfigurationException, org.xml.sax.SAXException {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newSAXParser().getXMLReader();
    }

    private static List<CellRangeAddress> merges(byte[] xml)
            throws IOException, org.xml.sax.SAXException, javax.xml.parsers.ParserConfigurationException {
        List<CellRangeAddress> merges = new ArrayList<>();
        XMLReader p = parser();
        p.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String local, String qName, Attributes atts) {
                if ("mergeCell".equals(local)) {
                    merges.add(CellRangeAddress.valueOf(atts.getValue("ref")));
                }
            }
        });
        p.parse(new InputSource(new java.io.ByteArrayInputStream(xml)));
        return merges;
    }

    /** A merged cell reads as empty below and right of its top-left; people mean the value to repeat. */
    private static List<SheetRow> fill(List<SheetRow> rows, List<CellRangeAddress> merges) {
        if (merges.isEmpty()) {
            return rows;
        }
        Map<Integer, SheetRow> byNumber = new HashMap<>();
        rows.forEach(r -> byNumber.put(r.number(), r));
        for (CellRangeAddress m : merges) {
            SheetRow top = byNumber.get(m.getFirstRow() + 1);
            String value = top == null ? "" : top.cell(m.getFirstColumn());
            for (int r = m.getFirstRow(); r <= m.getLastRow(); r++) {
                SheetRow row = byNumber.get(r + 1);
                if (row == null) {
                    continue;
                }
                for (int c = m.getFirstColumn(); c <= Math.min(m.getLastColumn(), MAX_COLUMNS - 1); c++) {
                    while (row.cells().size() <= c) {
                        row.cells().add("");
                    }
                    if (row.cells().get(c).isBlank()) {
                        row.cells().set(c, value);
                    }
                }
            }
        }
        return rows;
    }

    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

        private final String sheet;
        private final List<SheetRow> rows = new ArrayList<>();
        private List<String> current;
        private int number;

        Collector(String sheet) {
            this.sheet = sheet;
        }

        @Override
        public void startRow(int rowNum) {
            if (rows.size() >= MAX_ROWS) {
                throw new IllegalStateException("工作表“" + sheet + "”超过" + MAX_ROWS + "行，请分批导入");
            }
            number = rowNum + 1;
            current = new ArrayList<>();
        }

        @Override
        public void endRow(int rowNum) {
            rows.add(new SheetRow(sheet, number, current));
        }

        @Override
        public void cell(String ref, String value, XSSFComment comment) {
            int column = new CellReference(ref).getCol();
            if (column >= MAX_COLUMNS) {
                return;
            }
            while (current.size() < column) {
                current.add("");
            }
            current.add(value == null ? "" : value);
        }
    }
}
