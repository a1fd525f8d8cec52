package org.luoshi.document;

import java.util.List;

/**
 * The words of an official document, without layout: a title, the blocks of its body in order, and
 * the issuer and date that close it.
 */
public record OfficialText(String title, List<Block> body, String issuer, String date) {

    /** A heading ({@code level} 1 for 一、, 2 for （一）, 3 for 1., 4 for （1）) or a paragraph (level 0). */
    public record Block(int level, String text) {

        public static Block heading(int level, String text) {
            return new Block(level, text);
        }

        public static Block paragraph(String text) {
            return new Block(0, text);
        }
    }
}
