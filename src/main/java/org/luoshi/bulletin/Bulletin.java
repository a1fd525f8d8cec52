package org.luoshi.bulletin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.luoshi.document.OfficialText;

/** A bulletin as stored: its figures, its words (editable while a draft), its state. */
public record Bulletin(
        long id,
        long unitId,
        String unitPath,
        PeriodKind periodKind,
        LocalDate periodStart,
        LocalDate periodEnd,
        String number,
        String title,
        String issuer,
        BulletinFigures figures,
        List<OfficialText.Block> blocks,
        boolean edited,
        boolean published,
        Instant draftedAt,
        String draftedBy,
        Instant publishedAt,
        String publishedBy,
        int version) {

    public String period() {
        return periodKind.describe(periodStart);
    }

    /** The document as it goes out: dated the day of publication, or today for a draft. */
    public OfficialText official(LocalDate today) {
        LocalDate day =
                publishedAt == null ? today : LocalDate.ofInstant(publishedAt, java.time.ZoneId.of("Asia/Shanghai"));
        String dated = day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
        return new OfficialText(title, blocks, issuer, dated);
    }
}
