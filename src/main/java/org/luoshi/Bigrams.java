package org.luoshi;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The character-pair search index, both sides: Chinese has no spaces, so every two neighbouring
 * characters (督查, 查督, 督办) are a word, and a two-character term is one index lookup; Latin
 * letters and digits stay whole words, lower-cased. {@link #document} is what the database function
 * {@code luoshi_bigrams} computes, done here for rows written in bulk (100 µs a row there).
 */
public final class Bigrams {

    private Bigrams() {}

    static boolean han(int c) {
        return (c >= '\u3400' && c <= '\u9fff') || (c >= '\uf900' && c <= '\ufaff');
    }

    /**
     * "督查整改" → "督查 & 查整 & 整改"; one character alone → a prefix ("督:*"), matching every pair
     * that begins with it; Latin letters and digits as whole lower-case words.
     */
    public static String query(String term) {
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

    /**
     * A text as its pairs, single characters and words, space-separated, in order: the same text
     * {@code luoshi_bigrams} makes, for {@code to_tsvector('simple', …)}. Walks code points as the
     * database does; a lone character between non-Chinese ones stands as itself.
     */
    public static String document(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        int last = -1; // the previous character of the current run of Chinese
        int runLength = 0;
        int wordStart = -1;
        for (int i = 0; i <= text.length(); ) {
            int c = i < text.length() ? text.codePointAt(i) : ' ';
            int next = i + Character.charCount(c);
            if (han(c)) {
                if (wordStart >= 0) {
                    out.append(' ').append(text.substring(wordStart, i).toLowerCase(Locale.ROOT));
                    wordStart = -1;
                }
                if (runLength > 0) {
                    out.append(' ').appendCodePoint(last).appendCodePoint(c);
                }
                last = c;
                runLength++;
            } else {
                if (runLength == 1) {
                    out.append(' ').appendCodePoint(last);
                }
                runLength = 0;
                if (Character.isLetterOrDigit(c)) {
                    if (wordStart < 0) {
                        wordStart = i;
                    }
                } else if (wordStart >= 0) {
                    out.append(' ').append(text.substring(wordStart, i).toLowerCase(Locale.ROOT));
                    wordStart = -1;
                }
            }
            i = next;
        }
        return out.toString();
    }
}
