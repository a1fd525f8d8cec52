package org.luoshi.summary.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.item.ItemData;
import org.luoshi.security.CurrentUser;
import org.luoshi.summary.ParsedSummaries;
import org.luoshi.summary.PlanDrafts;
import org.luoshi.summary.SummaryFiles;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/summaries/parse}: a .txt or .docx summary (or a compilation) as its outline. */
@RestController
class SummaryApiController {

    private final PlanDrafts drafts;

    SummaryApiController(PlanDrafts drafts) {
        this.drafts = drafts;
    }

    @PostMapping("/api/v1/summaries/parse")
    ParsedSummaries parse(CurrentUser user, @RequestParam(required = false) MultipartFile file) throws IOException {
        return ParsedSummaries.of(List.of(input(file)));
    }

    static ParsedSummaries.Input input(MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw DomainException.invalid("summary.empty", "file", "请上传 .txt 或 .docx 文件，字段名 file；文件不能是空的");
        }
        if (file.getSize() > SummaryFiles.MAX_BYTES) {
            throw DomainException.invalid("summary.tooLarge", "file", "文件超过 10 MB，不像一篇工作总结；请拆分后再上传");
        }
        return new ParsedSummaries.Input(file.getOriginalFilename(), file.getBytes());
    }

    /** The plans chosen from a parsed summary, registered as draft items of one unit. */
    record DraftRequest(Long unitId, LocalDate startDate, LocalDate deadline, List<PlanDrafts.Plan> plans) {}

    @PostMapping("/api/v1/summaries/plans/drafts")
    Map<String, Object> draft(CurrentUser user, @RequestBody DraftRequest r) {
        if (r.unitId() == null) {
            throw DomainException.invalid("summary.unit.required", "unitId", "请选择承担这些打算的单位");
        }
        PlanDrafts.HalfYear next = drafts.nextHalfYear();
        List<ItemData> made = drafts.draft(
                user,
                r.unitId(),
                r.startDate() == null ? next.start() : r.startDate(),
                r.deadline() == null ? next.end() : r.deadline(),
                r.plans() == null ? List.of() : r.plans());
        return Map.of(
                "created",
                made.size(),
                "items",
                made.stream()
                        .map(i -> Map.of("id", i.id(), "code", i.code(), "title", i.title()))
                        .toList());
    }
}
