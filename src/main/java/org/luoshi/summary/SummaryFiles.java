package org.luoshi.summary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.luoshi.DomainException;

/**
 * Turns an uploaded summary (.txt in UTF-8 or GB18030, or .docx) into lines of text, refusing what
 * is too large to be a summary or built to exhaust memory.
 */
public final class SummaryFiles {

    /** A compilation of fifty summaries is about 1 MB of text; ten times that is not a summary. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    private static final int MAX_CHARS = 4 * 1024 * 1024;

    static {
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(200L * 1024 * 1024);
        ZipSecureFile.setMaxTextSize(MAX_CHARS * 2L);
    }

    private SummaryFiles() {}

    /** The file's text, whatever the kind named by its extension or its first bytes. */
    public static String text(String filename, byte[] bytes) {
        if (bytes.length == 0) {
            throw DomainException.invalid("summary.empty", "file", "文件是空的");
        }
        if (bytes.length > MAX_BYTES) {
            throw DomainException.invalid(
                    "summary.tooLarge", "file", "文件超过 " + MAX_BYTES / 1024 / 1024 + " MB，不像一篇工作总结；请拆分后再上传");
        }
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        boolean zip = bytes.length > 3 && bytes[0] == 'P' && bytes[1] == 'K';
        if (name.endsWith(".docx") || zip) {
            return docx(bytes);
        }
        if (name.endsWith(".doc") || name.endsWith(".pdf") || name.endsWith(".wps")) {
            throw DomainException.invalid("summary.format", "file", "只能读取 .txt 或 .docx；.doc、.wps、.pdf 请先另存为 .docx");
        }
        String text = decode(bytes);
        long control = text.chars()
                .filter(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')
                .count();
        if (control > text.length() / 100 + 1) {
            throw DomainException.invalid("summary.binary", "file", "文件不是文本：请上传 .txt 或 .docx");
        }
        return text;
    }

    private static String decode(byte[] bytes) {
        int from = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb ? 3 : 0;
        ByteBuffer buffer = ByteBuffer.wrap(bytes, from, bytes.length - from);
        try {
            return strict(StandardCharsets.UTF_8).decode(buffer).toString();
        } catch (CharacterCodingException e) {
            // Chinese Windows saves plain text as GBK, of which GB18030 is the superset
            return new String(bytes, from, bytes.length - from, Charset.forName("GB18030"));
        }
    }

    private static java.nio.charset.CharsetDecoder strict(Charset charset) {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    private static String docx(byte[] bytes) {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            List<String> lines = new ArrayList<>();
            int chars = 0;
            for (IBodyElement element : doc.getBodyElements()) {
                if (element instanceof XWPFParagraph p) {
                    lines.add(p.getText());
                    chars += p.getText().length();
                } else if (element instanceof XWPFTable table) {
                    for (XWPFTableRow row : table.getRows()) {
                        List<String> cells = new ArrayList<>();
                        for (XWPFTableCell cell : row.getTableCells()) {
                            cells.add(cell.getText());
                        }
                        lines.add(String.join("\t", cells));
                        chars += lines.getLast().length();
                    }
                }
                if (chars > MAX_CHARS) {
                    throw DomainException.invalid("summary.tooLarge", "file", "文档文字超过 400 万字，不像一篇工作总结");
                }
            }
            return String.join("\n", lines);
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException | NoClassDefFoundError e) {
            // NoClassDefFoundError: a part packed with a codec not shipped (zstd), never by Word
            String why = String.valueOf(e.getMessage());
            if (why.contains("Zip bomb") || why.contains("inflate") || why.contains("exceed")) {
                throw DomainException.invalid("summary.bomb", "file", "文件解压后异常巨大，疑似压缩炸弹，已拒绝");
            }
            throw DomainException.invalid("summary.notDocx", "file", "文件不是有效的 Word 文档（.docx）");
        }
    }
}
