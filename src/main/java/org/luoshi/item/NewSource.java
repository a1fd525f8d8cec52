package org.luoshi.item;

import java.time.LocalDate;

/** What a supervisor enters to register a source. */
public record NewSource(SourceKind kind, String title, String docNumber, LocalDate issuedOn, String leaderName) {}
