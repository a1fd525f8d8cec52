package org.luoshi.summary;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luoshi.summary.OutlineSection.SectionKind;

/**
 * Reads plain text of work summaries, one or a compilation of many, into their outlines. Pure: no
 * database, no Spring, so the command line can run it on any file.
 *
 * <p>Real files begin with advertising and empty tables of contents, run documents together, put a
 * heading and its body on one line, skip or repeat numbers and mix full- and half-width markers; the
 * rules below are each there for one of those.
 */
public final class SummaryParser {

    private static final Pattern GENRE = Pattern.compile("工作(总结|安排|计划|打算|谋划|要点|汇报|报告)|情况的?(汇报|报告)|述职报告|总结(暨|及|和|与)");
    private static final Pattern PERIOD = Pattern.compile("\\d{4}|上半年|年度|全年|半年工作总结");
    private static final Pattern COMPILATION = Pattern.compile("汇编|[(（]\\d+篇[)）]|合集");
    private static final Pattern SENTENCE_END = Pattern.compile("[。！？；!?;]");
    private static final Pattern BARE_HEADING = Pattern.compile("^(\\d{4}年)?(上半年|下半年|下一步|下阶段|今后|明年|全年|近期)?.{0,8}"
            + "(工作(总结|情况|打算|安排|计划|谋划|思路|重点|举措)|重点工作|存在的?(问题|困难|不足)"
            + "|问题(和|与|及)?(不足|困难)|主要(成效|做法|问题|成绩))[:：]?$");
    private static final Pattern PLAN_WHEN =
            Pattern.compile("下半年|下一步|下步|下阶段|今后|明年|后半年|\\d{4}年(下半年)?(工作)?(打算|计划|安排|思路|谋划)|努力方向");
    private static final Pattern PLAN_WHAT = Pattern.compile("打算|安排|计划|谋划|思路|重点|举措|措施|目标|任务|工作|方向");
    private static final Pattern PROBLEMS = Pattern.compile(
            "(存在|面临|主要|突出)的?(问题|困难|不足|短板)|问题(和|与|及)?(不足|困难|原因|短板)|(困难|不足)(和|与|及)问题" + "|不足之处|反馈(的)?问题|^(问题|困难|不足|短板)");
    private static final Pattern SUMMARY = Pattern.compile("上半年|总结|完成情况|开展情况|工作情况|主要工作|成效|亮点|做法|进展|成绩");
    private static final Pattern INLINE_ENUMERATION = Pattern.compile("(?<![一二三四五六七八九十])[一二三四五六七八九十]是[，,：:]?");
    private static final Pattern NOISE = Pattern.compile("禁止外传|订阅|QQ|svip|素材库|代笔|获取海量|扫码|关注公众号|打击倒卖|仅供学习|实时分享|微信号");
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?<![A-Za-z])[XＸ×]+(?![A-Za-z])|(?<=[\\p{IsHan}\\d])[ \\u3000]{2,}(?=[\\p{IsHan}%])|_{2,}");
    private static final Pattern NAME_AFTER = Pattern.compile("^[省市县区镇乡村局委办厅街组队社校院所]");
    private static final int HEADING_MAX = 100;

    private SummaryParser() {}

    /** The documents of one file's text, numbered from its first line. */
    public static List<ParsedDocument> parse(String file, String text) {
        List<Line> lines = lines(text);
        List<ParsedDocument> documents = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lines.size(); i++) {
            if (i == lines.size() || isTitle(lines.get(i))) {
                if (start >= 0) {
                    ParsedDocument d = document(file, lines.subList(start, i));
                    // a title with nothing under it is an entry of a table of contents
                    if (d != null) {
                        documents.add(d);
                    }
                }
                start = i;
            }
        }
        return documents;
    }

    /** Marks documents whose text nearly equals an earlier one's, across all files given. */
    public static List<ParsedDocument> markDuplicates(List<ParsedDocument> documents, List<String> bodies) {
        List<Set<Integer>> shingles =
                bodies.stream().map(SummaryParser::shingles).toList();
        List<ParsedDocument> marked = new ArrayList<>();
        for (int i = 0; i < documents.size(); i++) {
            Integer earlier = null;
            for (int j = 0; j < i && earlier == null; j++) {
                if (jaccard(shingles.get(i), shingles.get(j)) >= 0.6) {
                    earlier = j;
                }
            }
            ParsedDocument d = documents.get(i);
            marked.add(
                    earlier == null
                            ? d
                            : new ParsedDocument(
                                    d.file(),
                                    d.title(),
                                    d.line(),
                                    d.preamble(),
                                    d.sections(),
                                    d.plans(),
                                    d.planItems(),
                                    d.placeholders(),
                                    earlier));
        }
        return marked;
    }

    /** The whole text of a parsed document, for comparing documents. */
    public static String body(ParsedDocument d) {
        StringBuilder b = new StringBuilder(d.preamble() == null ? "" : d.preamble());
        for (OutlineSection s : d.sections()) {
            append(b, s);
        }
        return b.toString();
    }

    private static void append(StringBuilder b, OutlineSection s) {
        b.append(s.heading()).append(s.text() == null ? "" : s.text());
        s.children().forEach(c -> append(b, c));
    }

    // ---- lines

    record Line(int number, String text, String folded, boolean noise) {}

    private static List<Line> lines(String text) {
        String[] raw = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            String t = strip(raw[i]);
            if (t.isEmpty()) {
                continue;
            }
            String folded = fold(t);
            boolean noise = isNoise(folded);
            for (String part : enumeration(t, folded)) {
                lines.add(new Line(i + 1, part, fold(part), noise));
            }
        }
        return lines;
    }

    /** "一是…。二是…。" on one line: each item on a line of its own, as siblings. */
    private static List<String> enumeration(String text, String folded) {
        Marker.Found found = Marker.find(folded);
        if (found == null || found.marker() != Marker.ENUMERATED) {
            return List.of(text);
        }
        Matcher m = INLINE_ENUMERATION.matcher(text);
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (m.find()) {
            if (m.start() > from) {
                parts.add(text.substring(from, m.start()).strip());
                from = m.start();
            }
        }
        parts.add(text.substring(from).strip());
        return parts;
    }

    private static String strip(String s) {
        return s.replace('\u00a0', ' ').replace("\ufeff", "").strip();
    }

    /** Full-width ASCII to half-width, one character for one, so that offsets hold in the original. */
    static String fold(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(c >= '\uff01' && c <= '\uff5e' ? (char) (c - 0xfee0) : c);
        }
        return b.toString();
    }

    private static boolean isNoise(String folded) {
        return folded.length() < 120 && NOISE.matcher(folded).find() || folded.startsWith("【") && folded.contains("会员");
    }

    static boolean isTitle(Line line) {
        String t = line.folded();
        return !line.noise()
                && t.length() >= 6
                && t.length() <= 60
                && Marker.find(t) == null
                && !SENTENCE_END.matcher(t).find()
                && !t.endsWith("，")
                && !t.endsWith("：")
                && !t.endsWith(":")
                && GENRE.matcher(t).find()
                && PERIOD.matcher(t).find()
                && !COMPILATION.matcher(t).find();
    }

    // ---- one document

    private static ParsedDocument document(String file, List<Line> lines) {
        Line title = lines.getFirst();
        List<Line> content =
                lines.subList(1, lines.size()).stream().filter(l -> !l.noise()).toList();
        if (content.isEmpty()) {
            return null;
        }
        List<Heading> headings = new ArrayList<>();
        BitSet ranks = new BitSet();
        for (Line l : content) {
            Heading h = heading(l);
            headings.add(h);
            if (h != null) {
                ranks.set(h.marker.rank);
            }
        }
        StringBuilder preamble = new StringBuilder();
        List<Node> roots = new ArrayList<>();
        List<Node> open = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            Line l = content.get(i);
            Heading h = headings.get(i);
            if (h == null) {
                if (open.isEmpty()) {
                    paragraph(preamble, l.text());
                } else {
                    paragraph(open.getLast().text, l.text());
                }
                continue;
            }
            while (!open.isEmpty() && open.getLast().rank >= h.marker.rank) {
                open.removeLast();
            }
            Node parent = open.isEmpty() ? null : open.getLast();
            int level = parent == null ? 1 + ranks.get(0, h.marker.rank).cardinality() : parent.level + 1;
            Node node = new Node(h, level, l.number());
            if (parent == null) {
                roots.add(node);
            } else {
                parent.children.add(node);
            }
            open.add(node);
        }
        kinds(roots);
        List<OutlineSection> sections = roots.stream().map(Node::section).toList();
        List<ParsedDocument.PlanItem> planItems = plans(roots);
        int placeholders = placeholders(title.text());
        for (Line l : content) {
            placeholders += placeholders(l.text());
        }
        return new ParsedDocument(
                file,
                title.text(),
                title.number(),
                preamble.isEmpty() ? null : preamble.toString(),
                sections,
                planItems.stream().map(ParsedDocument.PlanItem::title).toList(),
                planItems,
                placeholders,
                null);
    }

    private record Heading(Marker marker, String number, String heading, String rest) {}

    private static Heading heading(Line line) {
        String t = line.text();
        Marker.Found found = Marker.find(line.folded());
        if (found != null) {
            String number = t.substring(0, found.length()).replaceAll("\\s+", "");
            String after = t.substring(found.length()).strip();
            if (after.isEmpty()) {
                return null; // a lone "1." is an empty entry, not a heading
            }
            String[] split = split(after);
            return new Heading(found.marker(), number, split[0], split[1]);
        }
        String f = line.folded();
        if (f.length() <= 24
                && !SENTENCE_END.matcher(f).find()
                && BARE_HEADING.matcher(f).find()) {
            return new Heading(Marker.NONE, "", t.replaceAll("[:：]$", ""), "");
        }
        return null;
    }

    /** Heading words up to the first full stop (or colon, when it ends the phrase), and the rest. */
    private static String[] split(String s) {
        Matcher end = SENTENCE_END.matcher(s);
        int cut = end.find() ? end.start() : -1;
        int colon = indexOfAny(s, "：:");
        if (colon > 0 && (cut < 0 || colon < cut) && colon <= 30) {
            cut = colon;
        }
        if (cut < 0) {
            return new String[] {trimHeading(s), ""};
        }
        return new String[] {
            trimHeading(s.substring(0, cut)), s.substring(cut + 1).strip()
        };
    }

    private static String trimHeading(String s) {
        String h = s.strip();
        return h.length() > HEADING_MAX ? h.substring(0, HEADING_MAX) + "…" : h;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static void paragraph(StringBuilder b, String text) {
        if (!b.isEmpty()) {
            b.append('\n');
        }
        b.append(text);
    }

    private static final class Node {
        final Heading heading;
        final int rank;
        final int level;
        final int line;
        final StringBuilder text;
        final List<Node> children = new ArrayList<>();
        SectionKind kind = SectionKind.other;

        Node(Heading heading, int level, int line) {
            this.heading = heading;
            this.rank = heading.marker.rank;
            this.level = level;
            this.line = line;
            this.text = new StringBuilder(heading.rest);
        }

        OutlineSection section() {
            return new OutlineSection(
                    level,
                    heading.number,
                    heading.heading,
                    kind,
                    line,
                    text.isEmpty() ? null : text.toString(),
                    children.stream().map(Node::section).toList());
        }

        void setKind(SectionKind k) {
            kind = k;
            children.forEach(c -> c.setKind(k));
        }
    }

    // ---- kinds and plans

    private static void kinds(List<Node> roots) {
        boolean pastSummary = false;
        for (Node n : roots) {
            SectionKind k = kind(n.heading.heading, pastSummary);
            if (k == SectionKind.plan || k == SectionKind.problems) {
                pastSummary = true;
            }
            n.setKind(k);
        }
    }

    static SectionKind kind(String heading, boolean pastSummary) {
        String h = fold(heading);
        if (!h.contains("上半年")
                && PLAN_WHEN.matcher(h).find()
                && PLAN_WHAT.matcher(h).find()) {
            return SectionKind.plan;
        }
        if (PROBLEMS.matcher(h).find()) {
            return SectionKind.problems;
        }
        if (!pastSummary || SUMMARY.matcher(h).find()) {
            return SectionKind.summary;
        }
        return SectionKind.other;
    }

    private static List<ParsedDocument.PlanItem> plans(List<Node> roots) {
        List<ParsedDocument.PlanItem> items = new ArrayList<>();
        for (Node n : roots) {
            if (n.kind != SectionKind.plan || n.level != 1) {
                continue;
            }
            if (!n.children.isEmpty()) {
                for (Node c : n.children) {
                    items.add(new ParsedDocument.PlanItem(c.heading.heading, c.text.toString(), c.line));
                }
                continue;
            }
            String body = n.text.toString();
            List<String> inline = enumerated(body);
            if (!inline.isEmpty()) {
                inline.forEach(s -> items.add(new ParsedDocument.PlanItem(firstSentence(s), s, n.line)));
                continue;
            }
            for (String p : body.split("\n")) {
                if (!p.isBlank()) {
                    items.add(new ParsedDocument.PlanItem(firstSentence(p), p, n.line));
                }
            }
        }
        return items;
    }

    /** The 一是…二是… items written inside one paragraph. */
    static List<String> enumerated(String body) {
        Matcher m = INLINE_ENUMERATION.matcher(body);
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
            ends.add(m.end());
        }
        if (starts.size() < 2) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            int to = i + 1 < starts.size() ? starts.get(i + 1) : body.length();
            items.add(body.substring(ends.get(i), to).strip());
        }
        return items;
    }

    private static String firstSentence(String s) {
        return split(s.strip())[0];
    }

    static int placeholders(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        int n = 0;
        while (m.find()) {
            if (m.group().charAt(0) != ' '
                    && m.group().charAt(0) != '\u3000'
                    && m.group().charAt(0) != '_'
                    && NAME_AFTER.matcher(text.substring(m.end())).find()) {
                continue; // XX市, X县: a masked name, not a figure
            }
            n++;
        }
        return n;
    }

    // ---- duplicates

    private static Set<Integer> shingles(String body) {
        StringBuilder b = new StringBuilder();
        body.codePoints()
                .filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN || Character.isDigit(c))
                .forEach(b::appendCodePoint);
        Set<Integer> set = new HashSet<>();
        for (int i = 0; i + 8 <= b.length(); i++) {
            set.add(b.substring(i, i + 8).hashCode());
        }
        return set;
    }

    private static double jaccard(Set<Integer> a, Set<Integer> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        int common = 0;
        for (Integer x : a.size() < b.size() ? a : b) {
            if ((a.size() < b.size() ? b : a).contains(x)) {
                common++;
            }
        }
        return (double) common / (a.size() + b.size() - common);
    }
}
