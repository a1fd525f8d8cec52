package org.luoshi.summary;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One heading of a parsed summary with what it says: {@code number} is the marker as written ("一、",
 * "（一）", "1.", "一是", or "" for a bare heading), {@code heading} the words up to the first full stop,
 * {@code text} the rest of its paragraphs, {@code line} where it stands in the file.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OutlineSection(
        int level,
        String number,
        String heading,
        SectionKind kind,
        int line,
        String text,
        List<OutlineSection> children) {

    /** What a level-1 section is about; its children carry the same kind. */
    public enum SectionKind {
        summary,
        problems,
        plan,
        other
    }
}
