package org.luoshi.item.web;

import java.time.LocalDate;
import org.luoshi.item.ItemKind;
import org.luoshi.item.ItemLevel;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemStatus;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.util.UriComponentsBuilder;

/** The ledger's filter as it stands in the URL, so that a view can be shared and exported as it is. */
public record LedgerParams(
        ItemStatus status,
        ItemQuery.Stage stage,
        ItemKind kind,
        ItemLevel level,
        Long unit,
        Long leader,
        Boolean overdue,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadlineFrom,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate deadlineTo,
        String q,
        String tag,
        Long source,
        ItemQuery.Sort sort,
        Integer page) {

    public int pageNumber() {
        return page == null || page < 1 ? 1 : page;
    }

    ItemQuery.Filter filter(int pageNumber, int size) {
        return new ItemQuery.Filter(
                status,
                stage,
                kind,
                level,
                unit,
                leader,
                overdue,
                deadlineFrom,
                deadlineTo,
                q,
                tag,
                source,
                sort,
                pageNumber,
                size);
    }

    /** This view's address at another page, or ({@code path} "/items/export.xlsx") in another form. */
    public String url(String path, Integer toPage) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        add(b, "q", q == null || q.isBlank() ? null : q.strip());
        add(b, "status", status);
        add(b, "stage", stage);
        add(b, "kind", kind);
        add(b, "level", level);
        add(b, "unit", unit);
        add(b, "leader", leader);
        add(b, "overdue", overdue);
        add(b, "deadlineFrom", deadlineFrom);
        add(b, "deadlineTo", deadlineTo);
        add(b, "tag", tag == null || tag.isBlank() ? null : tag.strip());
        add(b, "source", source);
        add(b, "sort", sort);
        add(b, "page", toPage);
        return b.encode().build().toUriString();
    }

    private static void add(UriComponentsBuilder b, String name, Object value) {
        if (value != null) {
            b.queryParam(name, value);
        }
    }
}
