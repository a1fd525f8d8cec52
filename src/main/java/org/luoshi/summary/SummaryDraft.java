package org.luoshi.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The half-year summary drafted from the ledger: its sections, each paragraph's figures with the
 * link to the item, report or ledger view each came from, and the counts behind the totals.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryDraft(
        String title,
        long unitId,
        String unitName,
        String period,
        LocalDate from,
        LocalDate to,
        LocalDate asOf,
        List<Section> sections,
        Totals totals,
        Instant generatedAt,
        boolean edited,
        int version) {

    public record Section(
            int level, String number, String heading, List<Paragraph> paragraphs, List<Section> children) {}

    /** {@code missing}: a figure could not be found in the ledger and the text says so for the user to fill. */
    public record Paragraph(String key, String text, List<Figure> figures, boolean missing) {

        /** The text cut at its figures, in order, for a page that links each figure to its origin. */
        public List<Figure> segments() {
            List<Figure> out = new java.util.ArrayList<>();
            int at = 0;
            for (Figure f : figures) {
                int i = text.indexOf(f.text(), at);
                if (i < 0) {
                    continue;
                }
                if (i > at) {
                    out.add(new Figure(text.substring(at, i), null, null, null));
                }
                out.add(f);
                at = i + f.text().length();
            }
            if (at < text.length()) {
                out.add(new Figure(text.substring(at), null, null, null));
            }
            return out;
        }
    }

    /** A figure as it appears in the text and where it came from. */
    public record Figure(String text, String href, Long itemId, Long reportId) {}

    /** The counts the first section states, as the ledger had them at the half-year's end. */
    public record Totals(
            int items,
            Map<String, Integer> byKind,
            int closed,
            int closedOnTime,
            int open,
            int onPace,
            int lagging,
            int seriouslyLagging,
            int overdue) {}

    /** The words to lay out as an official document, signed by the unit on {@code day}. */
    public org.luoshi.document.OfficialText official(LocalDate day) {
        List<org.luoshi.document.OfficialText.Block> body = new java.util.ArrayList<>();
        sections.forEach(s -> blocks(s, body));
        String date = day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
        return new org.luoshi.document.OfficialText(title, body, unitName, date);
    }

    private static void blocks(Section s, List<org.luoshi.document.OfficialText.Block> body) {
        body.add(org.luoshi.document.OfficialText.Block.heading(s.level(), s.number() + s.heading()));
        s.paragraphs().forEach(p -> body.add(org.luoshi.document.OfficialText.Block.paragraph(p.text())));
        s.children().forEach(c -> blocks(c, body));
    }

    public SummaryDraft withParagraphs(List<Section> s, boolean isEdited, int v, Instant at) {
        return new SummaryDraft(title, unitId, unitName, period, from, to, asOf, s, totals, at, isEdited, v);
    }
}
