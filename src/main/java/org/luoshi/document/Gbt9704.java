package org.luoshi.document;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.wp.usermodel.HeaderFooterType;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFFooter;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.luoshi.DomainException;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTDocGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTFonts;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageMar;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTPageSz;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTSectPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STDocGrid;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STLineSpacingRule;

/**
 * Lays an official text out as GB/T 9704 asks: A4 with margins of 37 mm top, 28 mm left, 35 mm
 * bottom and 26 mm right; 22 lines of 28 characters; title in 2号 小标宋, body in 3号 仿宋, headings
 * 一、 in 黑体, （一） in 楷体, 1. and （1） in bold 仿宋; page numbers in 4号 宋体 as "— 1 —", odd
 * pages on the right and even pages on the left.
 */
public final class Gbt9704 {

    /** Fonts as offices name them; Word, WPS and LibreOffice substitute the nearest when one is missing. */
    static final String TITLE_FONT = "方正小标宋简体";

    static final String BODY_FONT = "仿宋_GB2312";
    static final String HEI = "黑体";
    static final String KAI = "楷体_GB2312";
    static final String SONG = "宋体";

    private static final long TWIPS_PER_MM_X1000 = 56_693; // 1440 / 25.4, times 1000
    static final int TITLE_HALF_POINTS = 44; // 2号 = 22 pt
    static final int BODY_HALF_POINTS = 32; // 3号 = 16 pt
    static final int PAGE_NUMBER_HALF_POINTS = 28; // 4号 = 14 pt
    /** 225 mm of type area over 22 lines. */
    /** Character spacing of body text, in twentieths of a point: 156 mm / 28 = 15.79 pt a character, so 15.75. */
    static final int CONDENSE_TWENTIETHS = -5;

    static final int LINE_PITCH_TWIPS = (int) (mm(297 - 37 - 35) / 22); // rounded down, or the 22nd line spills

    private Gbt9704() {}

    static long mm(int millimetres) {
        return millimetres * TWIPS_PER_MM_X1000 / 1000;
    }

    public static byte[] render(OfficialText text) {
        try (XWPFDocument doc = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            page(doc);
            XWPFParagraph title = doc.createParagraph();
            title.setAlignment(ParagraphAlignment.CENTER);
            title.setSpacingAfter(LINE_PITCH_TWIPS);
            exact(title);
            titleLines(title, text.title());
            for (OfficialText.Block b : text.body()) {
                block(doc.createParagraph(), b);
            }
            if (text.issuer() != null || text.date() != null) {
                doc.createParagraph(); // a blank line before the signature
                for (String s : new String[] {text.issuer(), text.date()}) {
                    if (s != null && !s.isBlank()) {
                        XWPFParagraph p = doc.createParagraph();
                        p.setAlignment(ParagraphAlignment.RIGHT);
                        p.setIndentationRight(4 * 320); // 右空四字
                        exact(p);
                        run(p, s, BODY_FONT, BODY_HALF_POINTS, false);
                    }
                }
            }
            pageNumbers(doc);
            fontTable(doc);
            doc.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** About 20 characters of 2号 fit a line: a longer title breaks before 和, 暨 or 及, not mid-word. */
    private static void titleLines(XWPFParagraph p, String title) {
        int at = -1;
        if (title.length() > 20) {
            for (int i = Math.max(6, title.length() - 20); i < Math.min(21, title.length() - 3); i++) {
                if ("和暨及与".indexOf(title.charAt(i)) >= 0) {
                    at = i;
                    break;
                }
            }
        }
        if (at < 0) {
            run(p, title, TITLE_FONT, TITLE_HALF_POINTS, false);
            return;
        }
        run(p, title.substring(0, at), TITLE_FONT, TITLE_HALF_POINTS, false).addBreak();
        run(p, title.substring(at), TITLE_FONT, TITLE_HALF_POINTS, false);
    }

    static void block(XWPFParagraph p, OfficialText.Block b) {
        exact(p);
        p.setAlignment(ParagraphAlignment.BOTH);
        p.setFirstLineIndent(2 * 320); // 首行缩进两字
        switch (b.level()) {
            case 1 -> run(p, b.text(), HEI, BODY_HALF_POINTS, false);
            case 2 -> run(p, b.text(), KAI, BODY_HALF_POINTS, false);
            case 3, 4 -> run(p, b.text(), BODY_FONT, BODY_HALF_POINTS, true);
            default -> run(p, b.text(), BODY_FONT, BODY_HALF_POINTS, false);
        }
    }

    private static void page(XWPFDocument doc) {
        CTSectPr sect = doc.getDocument().getBody().addNewSectPr();
        CTPageSz size = sect.addNewPgSz();
        size.setW(BigInteger.valueOf(mm(210)));
        size.setH(BigInteger.valueOf(mm(297)));
        CTPageMar mar = sect.addNewPgMar();
        mar.setTop(BigInteger.valueOf(mm(37)));
        mar.setLeft(BigInteger.valueOf(mm(28)));
        mar.setBottom(BigInteger.valueOf(mm(35)));
        mar.setRight(BigInteger.valueOf(mm(26)));
        mar.setFooter(BigInteger.valueOf(mm(28))); // the page number sits 7 mm below the type area
        mar.setHeader(BigInteger.valueOf(mm(15)));
        CTDocGrid grid = sect.addNewDocGrid();
        grid.setType(STDocGrid.LINES);
        grid.setLinePitch(BigInteger.valueOf(LINE_PITCH_TWIPS));
        defaults(doc);
    }

    /** Each government font with the font a machine without it should use instead (w:altName). */
    static final String[][] FALLBACKS = {
        {TITLE_FONT, "小标宋"}, {BODY_FONT, "仿宋"}, {KAI, "楷体"}, {HEI, "SimHei"}, {SONG, "SimSun"}
    };

    /**
     * The document's font table: for 方正小标宋简体 the fallback 小标宋, for 仿宋_GB2312 仿宋, for
     * 楷体_GB2312 楷体, so that Word and WPS substitute what the standard allows.
     */
    private static void fontTable(XWPFDocument doc) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">");
        for (String[] f : FALLBACKS) {
            xml.append("<w:font w:name=\"")
                    .append(f[0])
                    .append("\"><w:altName w:val=\"")
                    .append(f[1])
                    .append(
                            "\"/><w:charset w:val=\"86\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/></w:font>");
        }
        xml.append("</w:fonts>");
        try {
            var pkg = doc.getPackage();
            var name = org.apache.poi.openxml4j.opc.PackagingURIHelper.createPartName("/word/fontTable.xml");
            var part = pkg.createPart(name, FONT_TABLE_TYPE);
            try (var os = part.getOutputStream()) {
                os.write(xml.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            doc.getPackagePart()
                    .addRelationship(name, org.apache.poi.openxml4j.opc.TargetMode.INTERNAL, FONT_TABLE_REL);
        } catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException e) {
            throw new IOException(e);
        }
    }

    static final String FONT_TABLE_TYPE =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
    static final String FONT_TABLE_REL =
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable";

    /** The grid counts characters of the default size: make that 3号 仿宋, as the body is. */
    private static void defaults(XWPFDocument doc) {
        var styles = org.openxmlformats.schemas.wordprocessingml.x2006.main.CTStyles.Factory.newInstance();
        var rPr = styles.addNewDocDefaults().addNewRPrDefault().addNewRPr();
        rPr.addNewSz().setVal(BigInteger.valueOf(BODY_HALF_POINTS));
        rPr.addNewSzCs().setVal(BigInteger.valueOf(BODY_HALF_POINTS));
        CTFonts fonts = rPr.addNewRFonts();
        fonts.setEastAsia(BODY_FONT);
        fonts.setAscii("Times New Roman");
        fonts.setHAnsi("Times New Roman");
        // every page full to its 22 lines: no line pushed over to spare a widow or an orphan
        styles.getDocDefaults()
                .addNewPPrDefault()
                .addNewPPr()
                .addNewWidowControl()
                .setVal(org.openxmlformats.schemas.officeDocument.x2006.sharedTypes.STOnOff1.OFF);
        doc.createStyles().setStyles(styles);
    }

    private static void exact(XWPFParagraph p) {
        p.setSpacingBetween(LINE_PITCH_TWIPS / 20.0, org.apache.poi.xwpf.usermodel.LineSpacingRule.EXACT);
        p.getCTP().getPPr().getSpacing().setLineRule(STLineSpacingRule.EXACT);
        if (!p.getCTP().getPPr().isSetWidowControl()) {
            p.getCTP()
                    .getPPr()
                    .addNewWidowControl()
                    .setVal(org.openxmlformats.schemas.officeDocument.x2006.sharedTypes.STOnOff1.OFF);
        }
    }

    static XWPFRun run(XWPFParagraph p, String text, String font, int halfPoints, boolean bold) {
        XWPFRun r = p.createRun();
        r.setText(text == null ? "" : text);
        r.setBold(bold);
        r.setFontSize(halfPoints / 2.0);
        var rPr = r.getCTR().isSetRPr() ? r.getCTR().getRPr() : r.getCTR().addNewRPr();
        CTFonts fonts = rPr.sizeOfRFontsArray() > 0 ? rPr.getRFontsArray(0) : rPr.addNewRFonts();
        fonts.setEastAsia(font);
        fonts.setAscii(latin(font));
        fonts.setHAnsi(latin(font));
        if (halfPoints == BODY_HALF_POINTS) {
            // 28 characters across 156 mm: each 3号 character condensed by 0.25 pt
            rPr.addNewSpacing().setVal(BigInteger.valueOf(CONDENSE_TWENTIETHS));
        }
        return r;
    }

    /** Latin letters and digits in a body font are set in Times New Roman, as offices do. */
    private static String latin(String font) {
        return font.equals(HEI) ? "Arial" : "Times New Roman";
    }

    private static void pageNumbers(XWPFDocument doc) {
        doc.getSettings().setEvenAndOddHeadings(true);
        footer(doc.createFooter(HeaderFooterType.DEFAULT), ParagraphAlignment.RIGHT);
        footer(doc.createFooter(HeaderFooterType.EVEN), ParagraphAlignment.LEFT);
    }

    /** "— 7 —", a character's width in from the outer edge. */
    private static void footer(XWPFFooter footer, ParagraphAlignment side) {
        XWPFParagraph p = footer.createParagraph();
        p.setAlignment(side);
        if (side == ParagraphAlignment.RIGHT) {
            p.setIndentationRight(280);
        } else {
            p.setIndentationLeft(280);
        }
        run(p, "— ", SONG, PAGE_NUMBER_HALF_POINTS, false);
        XWPFRun field = run(p, "", SONG, PAGE_NUMBER_HALF_POINTS, false);
        field.getCTR()
                .addNewFldChar()
                .setFldCharType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType.BEGIN);
        XWPFRun code = run(p, "", SONG, PAGE_NUMBER_HALF_POINTS, false);
        code.getCTR().addNewInstrText().setStringValue(" PAGE ");
        XWPFRun sep = run(p, "", SONG, PAGE_NUMBER_HALF_POINTS, false);
        sep.getCTR()
                .addNewFldChar()
                .setFldCharType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType.SEPARATE);
        run(p, "1", SONG, PAGE_NUMBER_HALF_POINTS, false);
        XWPFRun end = run(p, "", SONG, PAGE_NUMBER_HALF_POINTS, false);
        end.getCTR()
                .addNewFldChar()
                .setFldCharType(org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType.END);
        run(p, " —", SONG, PAGE_NUMBER_HALF_POINTS, false);
    }

    /**
     * Pours the text into a template: {{标题}} (or {{title}}), {{落款}}, {{日期}} are replaced in
     * place; the paragraph holding {{正文}} (or {{body}}) becomes the body, each block taking that
     * paragraph's look, headings their fonts as above.
     */
    public static byte[] fill(byte[] template, OfficialText text) {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(template));
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            XWPFParagraph bodyAt = null;
            for (XWPFParagraph p : new ArrayList<>(doc.getParagraphs())) {
                String t = p.getText();
                if (t.contains("{{正文}}") || t.contains("{{body}}")) {
                    bodyAt = p;
                    continue;
                }
                replace(p, "{{标题}}", text.title());
                replace(p, "{{title}}", text.title());
                replace(p, "{{落款}}", text.issuer());
                replace(p, "{{日期}}", text.date());
            }
            if (bodyAt == null) {
                throw DomainException.invalid(
                        "document.template.body", "template", "模板里没有 '{{'正文'}}' 占位符：请在正文所在处写上 '{{'正文'}}'");
            }
            List<OfficialText.Block> blocks = text.body();
            for (OfficialText.Block b : blocks) {
                XWPFParagraph p = doc.insertNewParagraph(bodyAt.getCTP().newCursor());
                if (bodyAt.getCTP().getPPr() != null) {
                    p.getCTP().setPPr(bodyAt.getCTP().getPPr());
                }
                block(p, b);
            }
            doc.removeBodyElement(doc.getPosOfParagraph(bodyAt));
            doc.write(out);
            return out.toByteArray();
        } catch (DomainException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw DomainException.invalid("document.template.bad", "template", "模板不是有效的 Word 文档（.docx）");
        }
    }

    /** Replaces a placeholder even when Word split it across runs: the paragraph's runs are merged. */
    private static void replace(XWPFParagraph p, String placeholder, String value) {
        String t = p.getText();
        if (!t.contains(placeholder)) {
            return;
        }
        String replaced = t.replace(placeholder, value == null ? "" : value);
        List<XWPFRun> runs = p.getRuns();
        runs.getFirst().setText(replaced, 0);
        for (int i = runs.size() - 1; i > 0; i--) {
            p.removeRun(i);
        }
    }
}
