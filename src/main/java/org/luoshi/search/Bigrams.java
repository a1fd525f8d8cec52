package org.luoshi.search;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/** The query side of the character-pair index: a term as the pairs (and Latin words) it is made of. */
final class Bigrams {

    private Bigrams() {}

    static boolean han(char c) {
        return (c >= '\u3400' && c <= '\u9fff') || (c >= '\uf900' && c <= '\ufaff');
    }

    /**
     * "督查整改" → "督查 & 查整 & 整改"; one character alone → a prefix ("督:*"), matching every pair
     * that begins with it; Latin letters and digits as whole lower-case words.
     */
    static String query(String term) {
        Set<String> parts = new LinkedHashSet<>();
        StringBuilder run = new StringBuilder();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i <= term.length(); i++) {
            char c = i < term.length() ? term.charAt(i) : ' ';
            if (han(c)) {
                flushWord(word, parts);
                if (!run.isEmpty()) {
                    parts.add("" + run.charAt(run.length() - 1) + c);
                }
                run.append(c);
            } else {
                if (run.length() == 1) {
                    parts.add(run + ":*");
                }
                run.setLength(0);
                if (Character.isLetterOrDigit(c)) {
                    word.append(c);
                } else {
                    flushWord(word, parts);
                }
            }
        }
        return String.join(" & ", parts);
    }

    private static void flushWord(StringBuilder word, Set<String> parts) {
        if (!word.isEmpty()) {
            // only letters and digits reach a tsquery: nothing of its syntax can be smuggled in
            parts.add(word.toString().toLowerCase(Locale.ROOT));
            word.setLength(0);
        }
    }

    /** Up to 120 characters around the first place the term stands. */
    static String snippet(String text, String term) {
        if (text == null) {
            return "";
        }
        int at = text.toLowerCase(Locale.ROOT).indexOf(term.toLowerCase(Locale.ROOT));
        int from = Math.max(0, at - 40);
        int to = Math.min(text.length(), from + 120);
        return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
    }
}
