package org.luoshi.audit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Records of the trail moved to an archive file: itself a record of the live trail. */
record AuditArchived(long anchorId, AuditArchiver.Anchor anchor, Instant oldest, Instant newest, String file)
        implements AuditableEvent {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneId.of("Asia/Shanghai"));

    @Override
    public String action() {
        return "audit.archive";
    }

    @Override
    public String summary() {
        return "归档审计记录 " + anchor.records() + " 条（第 " + anchor.firstSeq() + "–" + anchor.lastSeq() + " 条，"
                + DAY.format(oldest) + " 至 " + DAY.format(newest) + "），文件 " + file;
    }

    @Override
    public String targetType() {
        return "audit_archive";
    }

    @Override
    public String targetId() {
        return Long.toString(anchorId);
    }

    @Override
    public Object stateAfter() {
        return Map.of(
                "firstSeq", anchor.firstSeq(),
                "lastSeq", anchor.lastSeq(),
                "records", anchor.records(),
                "lastHash", anchor.lastHash(),
                "fileSm3", anchor.fileSm3(),
                "file", file);
    }
}
