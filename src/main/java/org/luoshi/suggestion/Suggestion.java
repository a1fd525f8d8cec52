package org.luoshi.suggestion;

import java.time.Instant;

/** A suggestion as its supervisors see it; the phone only masked. */
public record Suggestion(
        long id,
        String trackingCode,
        SuggestionCategory category,
        String content,
        String citizenName,
        String phoneMasked,
        String attachmentName,
        long regionId,
        String regionPath,
        SuggestionStatus status,
        String handledBy,
        Long itemId,
        Long mergedInto,
        String answer,
        Instant answeredAt,
        String declineReason,
        CitizenRating rating,
        String ratingComment,
        Instant ratedAt,
        Instant createdAt,
        int version) {

    /** Its first words, for lists and for the title of an item made from it. */
    public String gist(int length) {
        String flat = content.replaceAll("\\s+", " ").strip();
        return flat.length() <= length ? flat : flat.substring(0, length) + "…";
    }
}
