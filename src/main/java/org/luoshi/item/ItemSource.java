package org.luoshi.item;

import java.time.LocalDate;

/** A document, meeting or instruction that items answer to; 批示 carry their number, date and leader. */
public record ItemSource(
        long id, SourceKind kind, String title, String docNumber, LocalDate issuedOn, String leaderName, long items) {

    /** "领导批示 · 市长批示〔2026〕12号 · 2026-03-02 · 张市长", for lists and the item page. */
    public String describe() {
        StringBuilder s = new StringBuilder(kind.label()).append(" · ").append(title);
        if (docNumber != null) {
            s.append(" · ").append(docNumber);
        }
        if (issuedOn != null) {
            s.append(" · ").append(issuedOn);
        }
        if (leaderName != null) {
            s.append(" · ").append(leaderName);
        }
        return s.toString();
    }
}
