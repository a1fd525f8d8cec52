package org.luoshi.item;

import java.time.OffsetDateTime;

/** 佐证材料 as listed: the bytes are fetched only for a download. */
public record EvidenceFile(
        long id,
        long itemId,
        String name,
        String contentType,
        long size,
        String sha256,
        String uploadedBy,
        OffsetDateTime uploadedAt) {}
