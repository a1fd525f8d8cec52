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
        walk(term, new Tokens() {
            @Override
            public void pair(int first, int second) {
                parts.add(new StringBuilder(4)
                        .appendCodePoint(first)
                        .appendCodePoint(second)
                        .toString());
            }

            @Override
            public void single(int c) {
                parts.add(Character.toString(c) + ":*");
            }

            @Override
            public void word(String word) {
                // only letters and digits reach a tsquery: nothing of its syntax can be smuggled in
                parts.add(word);
            }
        });
        return String.join(" & ", parts);
    }

    /**
     * A text as its pairs, single characters and words, space-separated, in order: the same text
     * {@code luoshi_bigrams} makes, for {@code to_tsvector('simple', …)}.
     */
    public static String document(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        walk(text, new Tokens() {
            @Override
            public void pair(int first, int second) {
                out.append(' ').appendCodePoint(first).appendCodePoint(second);
            }

            @Override
            public void single(int c) {
                out.append(' ').appendCodePoint(c);
            }

            @Override
            public void word(String word) {
                out.append(' ').append(word);
            }
        });
        return out.toString();
    }

    /** What {@link #walk} finds, in the order of the text. */
    private interface Tokens {
        void pair(int first, int second);

        /** A Chinese character with no Chinese neighbour. */
        void single(int c);

        /** A run of letters and digits, lower-cased. */
        void word(String word);
    }

    /** Walks code points as the database function does, so both sides cut a text the same way. */
    private static void walk(String text, Tokens tokens) {
        int last = -1; // the previous character of the current run of Chinese
        int runLength = 0;
        int wordStart = -1;
        for (int i = 0; i <= text.length(); ) {
            int c = i < text.length() ? text.codePointAt(i) : ' ';
            if (han(c)) {
                if (wordStart >= 0) {
                    tokens.word(text.substring(wordStart, i).toLowerCase(Locale.ROOT));
                    wordStart = -1;
                }
                if (runLength > 0) {
                    tokens.pair(last, c);
                }
                last = c;
                runLength++;
            } else {
                if (runLength == 1) {
                    tokens.single(last);
                }
                runLength = 0;
                if (Character.isLetterOrDigit(c)) {
                    if (wordStart < 0) {
                        wordStart = i;
                    }
                } else if (wordStart >= 0) {
                    tokens.word(text.substring(wordStart, i).toLowerCase(Locale.ROOT));
                    wordStart = -1;
                }
            }
            i += Character.charCount(c);
        }
    }
}
