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
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.model.SharedStrings;
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
            SharedStrings strings = PlainStrings.of(pkg);
            StylesTable styles = reader.getStylesTable();
            List<SheetRow> rows = new ArrayList<>();
            XSSFReader.SheetIterator sheets = (XSSFReader.SheetIterator) reader.getSheetsData();
            while (sheets.hasNext()) {
                byte[] xml;
                try (InputStream sheet = sheets.next()) {
                    xml = sheet.readAllBytes();
                }
                String name = sheets.getSheetName();
                List<CellRangeAddress> merges = new ArrayList<>();
                Collector collector = new Collector(name);
                XMLReader parser = parser();
                // one pass: the cells through POI's handler, the merged ranges picked up on the way
                parser.setContentHandler(new MergesToo(
                        new XSSFSheetXMLHandler(
                                styles, null, strings, collector, new DataFormatter(java.util.Locale.CHINA), false),
                        merges));
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
        } catch (DomainException e) {
            throw e;
        } catch (NoClassDefFoundError e) {
            // a part packed with a compression Excel never uses (zstd, xz…) asks for a codec not shipped
            throw DomainException.invalid(
                    "import.notXlsx", "file", "文件不是有效的 Excel 工作簿（.xlsx），请用 Excel 或 WPS 另存为 .xlsx 后再导入");
        } catch (IOException
                | org.xml.sax.SAXException
                | javax.xml.parsers.ParserConfigurationException
                | RuntimeException e) {
            // a damaged package fails inside POI in many ways (found by SheetReaderFuzzTest): all are "unreadable"
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

    /**
     * Passes the sheet's events on, noting each merged range, and hands an inline string on as a
     * plain value: POI makes a rich-text object of XML beans of each one, which was most of the time of
     * reading a 10,000-row sheet written by a program (our own export among them), as those write
     * inline strings where Excel writes shared ones.
     */
    private static final class MergesToo extends DefaultHandler {
        private final org.xml.sax.ContentHandler next;
        private final List<CellRangeAddress> merges;
        private final StringBuilder inline = new StringBuilder();
        private boolean inInlineCell;
        private boolean inText;
        private int phonetic; // <rPh>: a reading aid, not part of the string

        MergesToo(org.xml.sax.ContentHandler next, List<CellRangeAddress> merges) {
            this.next = next;
            this.merges = merges;
        }

        @Override
        public void startElement(String uri, String local, String qName, Attributes atts)
                throws org.xml.sax.SAXException {
            if (inInlineCell) {
                switch (local) {
                    case "is" -> inline.setLength(0);
                    case "rPh" -> phonetic++;
                    case "t" -> inText = phonetic == 0;
                    case "r" -> {}
                    default -> next.startElement(uri, local, qName, atts);
                }
                return;
            }
            if ("mergeCell".equals(local)) {
                merges.add(CellRangeAddress.valueOf(atts.getValue("ref")));
            }
            if ("c".equals(local) && "inlineStr".equals(atts.getValue("t"))) {
                // the value of a "str" cell is handed on as it stands
                inInlineCell = true;
                org.xml.sax.helpers.AttributesImpl plain = new org.xml.sax.helpers.AttributesImpl(atts);
                plain.setValue(plain.getIndex("t"), "str");
                next.startElement(uri, local, qName, plain);
                return;
            }
            next.startElement(uri, local, qName, atts);
        }

        @Override
        public void endElement(String uri, String local, String qName) throws org.xml.sax.SAXException {
            if (inInlineCell) {
                switch (local) {
                    case "is" -> {
                        String v = decode(inline);
                        next.startElement(uri, "v", "v", new org.xml.sax.helpers.AttributesImpl());
                        next.characters(v.toCharArray(), 0, v.length());
                        next.endElement(uri, "v", "v");
                        return;
                    }
                    case "rPh" -> {
                        phonetic--;
                        return;
                    }
                    case "t" -> {
                        inText = false;
                        return;
                    }
                    case "r" -> {
                        return;
                    }
                    case "c" -> inInlineCell = false;
                    default -> {}
                }
            }
            next.endElement(uri, local, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws org.xml.sax.SAXException {
            if (inInlineCell && inText) {
                inline.append(ch, start, length);
            } else {
                next.characters(ch, start, length);
            }
        }

        @Override
        public void startDocument() throws org.xml.sax.SAXException {
            next.startDocument();
        }

        @Override
        public void endDocument() throws org.xml.sax.SAXException {
            next.endDocument();
        }
    }

    private static final java.util.regex.Pattern ESCAPED = java.util.regex.Pattern.compile("_x([0-9A-Fa-f]{4})_");

    /** Undoes a spreadsheet's escaping of characters XML cannot hold ("_x000D_" for a carriage return). */
    static String decode(CharSequence text) {
        String s = text.toString();
        if (s.indexOf("_x") < 0) {
            return s;
        }
        return ESCAPED.matcher(s)
                .replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                        String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }

    /**
     * The shared strings as plain text. POI's table makes a rich-text object of XML beans for each
     * string, which was most of the time of reading a 10,000-row ledger; a ledger needs the text.
     */
    private static final class PlainStrings implements SharedStrings {
        private final List<String> strings;

        private PlainStrings(List<String> strings) {
            this.strings = strings;
        }

        static PlainStrings of(OPCPackage pkg)
                throws IOException, org.xml.sax.SAXException, javax.xml.parsers.ParserConfigurationException {
            List<String> strings = new ArrayList<>();
            var parts = pkg.getPartsByContentType(
                    org.apache.poi.xssf.usermodel.XSSFRelation.SHARED_STRINGS.getContentType());
            if (parts.isEmpty()) {
                return new PlainStrings(strings);
            }
            XMLReader p = parser();
            p.setContentHandler(new DefaultHandler() {
                private final StringBuilder text = new StringBuilder();
                private boolean inText;
                private int phonetic; // <rPh>: a reading aid, not part of the string

                @Override
                public void startElement(String uri, String local, String qName, Attributes atts) {
                    switch (local) {
                        case "si" -> text.setLength(0);
                        case "rPh" -> phonetic++;
                        case "t" -> inText = phonetic == 0;
                        default -> {}
                    }
                }

                @Override
                public void endElement(String uri, String local, String qName) {
                    switch (local) {
                        case "si" -> strings.add(decode(text));
                        case "rPh" -> phonetic--;
                        case "t" -> inText = false;
                        default -> {}
                    }
                }

                @Override
                public void characters(char[] ch, int start, int length) {
                    if (inText) {
                        text.append(ch, start, length);
                    }
                }
            });
            try (InputStream in = parts.getFirst().getInputStream()) {
                p.parse(new InputSource(in));
            }
            return new PlainStrings(strings);
        }

        @Override
        public org.apache.poi.ss.usermodel.RichTextString getItemAt(int idx) {
            if (idx < 0 || idx >= strings.size()) {
                throw DomainException.invalid(
                        "import.damaged", "file", "文件已损坏：单元格引用了不存在的第 {0} 个共享文本，请用 Excel 或 WPS 打开后另存再导入", idx);
            }
            return new Plain(strings.get(idx));
        }

        @Override
        public int getCount() {
            return strings.size();
        }

        @Override
        public int getUniqueCount() {
            return strings.size();
        }
    }

    /** Text without runs of formatting. */
    private record Plain(String getString) implements org.apache.poi.ss.usermodel.RichTextString {
        @Override
        public void applyFont(int startIndex, int endIndex, short fontIndex) {}

        @Override
        public void applyFont(int startIndex, int endIndex, org.apache.poi.ss.usermodel.Font font) {}

        @Override
        public void applyFont(org.apache.poi.ss.usermodel.Font font) {}

        @Override
        public void clearFormatting() {}

        @Override
        public int length() {
            return getString.length();
        }

        @Override
        public int numFormattingRuns() {
            return 0;
        }

        @Override
        public int getIndexOfFormattingRun(int index) {
            return 0;
        }

        @Override
        public void applyFont(short fontIndex) {}

        /** POI's sheet handler reads a shared string by its toString. */
        @Override
        public String toString() {
            return getString;
        }
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
            int column = column(ref);
            if (column >= MAX_COLUMNS) {
                return;
            }
            while (current.size() < column) {
                current.add("");
            }
            current.add(value == null ? "" : value);
        }
    }

    /**
     * The zero-based column of a cell reference such as "AB12": the letters read as a number in
     * base 26, where POI's CellReference runs a regular expression on every cell.
     */
    static int column(String ref) {
        int column = 0;
        for (int i = 0; i < ref.length(); i++) {
            char c = Character.toUpperCase(ref.charAt(i));
            if (c >= 'A' && c <= 'Z') {
                column = column * 26 + (c - 'A' + 1);
            } else if (c != '$') {
                break;
            }
        }
        return column - 1;
    }
}
