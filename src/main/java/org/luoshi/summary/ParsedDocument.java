package org.luoshi.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One work summary found in a file: its title, outline, the items of its plan section(s) and how many
 * figures were masked (X, ×, blanks). {@code duplicateOf} names an earlier document of the same input
 * with nearly the same text (a summary circulated under another title).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParsedDocument(
        String file,
        String title,
        int line,
        String preamble,
        List<OutlineSection> sections,
        List<String> plans,
        List<PlanItem> planItems,
        int placeholders,
        Integer duplicateOf) {

    /** A plan item with the words behind it, for turning it into a draft item. */
    public record PlanItem(String title, String detail, int line) {}
}
