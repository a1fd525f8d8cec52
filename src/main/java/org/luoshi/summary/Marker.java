package org.luoshi.summary;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The numbering offices put before a heading, from 一、 down to 一是. The rank orders them: a marker
 * of a higher rank opens a section inside the nearest open one of a lower rank.
 */
enum Marker {
    /** 第一部分: above 一、 when a summary is cut into parts. */
    PART(0, "^第[一二三四五六七八九十]+部分[、，,.．:：]?"),
    CHAPTER(1, "^([一二三四五六七八九十百]+)\\s*[、，,.．]"),
    SECTION(2, "^[（(]\\s*[一二三四五六七八九十百]+\\s*[）)][、，,.]?"),
    POINT(3, "^\\d{1,2}\\s*(?:[、，,．]|\\.(?!\\d))"),
    SUBPOINT(4, "^[（(]\\s*\\d{1,2}\\s*[）)][、，,.]?"),
    CIRCLED(5, "^[\\u2460-\\u2473]"),
    ENUMERATED(6, "^(?:[一二三四五六七八九十]+(?:是|要|个是)[，,：:、]?|第[一二三四五六七八九十]+[，,、：:])"),
    /** A heading with no number at all, such as a bare 下半年工作打算. */
    NONE(1, "$^");

    final int rank;
    private final Pattern pattern;

    Marker(int rank, String regex) {
        this.rank = rank;
        this.pattern = Pattern.compile(regex);
    }

    /** The numbered marker at the start of a width-folded line, as its length in characters, or null. */
    static Found find(String folded) {
        for (Marker m : values()) {
            if (m == NONE) {
                continue;
            }
            Matcher matcher = m.pattern.matcher(folded);
            if (matcher.find()) {
                return new Found(m, matcher.end());
            }
        }
        return null;
    }

    record Found(Marker marker, int length) {}
}
