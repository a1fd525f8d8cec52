package org.luoshi.summary.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.document.Gbt9704;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.summary.SummaryDraft;
import org.luoshi.summary.SummaryDrafts;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/summaries/draft?unit=&period=2026-H1}: the half-year summary as JSON, or with
 * {@code format=docx} as an official document; PUT keeps edits; POST …/render pours it into a template.
 */
@RestController
class SummaryDraftApiController {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final SummaryDrafts drafts;
    private final Clock clock;

    SummaryDraftApiController(SummaryDrafts drafts, Clock clock) {
        this.drafts = drafts;
        this.clock = clock;
    }

    @GetMapping("/api/v1/summaries/draft")
    ResponseEntity<?> draft(
            CurrentUser user,
            UnitScope scope,
            @RequestParam long unit,
            @RequestParam String period,
            @RequestParam(required = false) String format,
            @RequestParam(defaultValue = "false") boolean fresh) {
        SummaryDraft d = drafts.get(user, scope, unit, period, fresh);
        if (format == null || format.equals("json")) {
            return ResponseEntity.ok(d);
        }
        if (!format.equals("docx")) {
            throw DomainException.invalid("summary.format", "format", "format 只能是 json 或 docx");
        }
        return docx(d, Gbt9704.render(d.official(today())));
    }

    record Edit(Integer version, Boolean fresh, Map<String, String> paragraphs) {}

    @PutMapping("/api/v1/summaries/draft")
    SummaryDraft edit(
            CurrentUser user,
            UnitScope scope,
            @RequestParam long unit,
            @RequestParam String period,
            @RequestBody Edit e) {
        if (e.version() == null) {
            throw DomainException.invalid("summary.edit.version", "version", "请带上所读草稿的 version");
        }
        return drafts.edit(
                user,
                scope,
                unit,
                period,
                e.version(),
                Boolean.TRUE.equals(e.fresh()),
                e.paragraphs() == null ? Map.of() : e.paragraphs());
    }

    /** The summary through the user's own Word template ({{标题}}, {{正文}}, {{落款}}, {{日期}}). */
    @PostMapping("/api/v1/summaries/draft/render")
    ResponseEntity<byte[]> render(
            CurrentUser user,
            UnitScope scope,
            @RequestParam long unit,
            @RequestParam String period,
            @RequestParam(required = false) MultipartFile template)
            throws IOException {
        SummaryDraft d = drafts.get(user, scope, unit, period, false); // out of scope is refused first
        if (template == null || template.isEmpty()) {
            throw DomainException.invalid("summary.template.none", "template", "请上传 .docx 模板，字段名 template");
        }
        return docx(d, Gbt9704.fill(template.getBytes(), d.official(today())));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    static ResponseEntity<byte[]> docx(SummaryDraft d, byte[] bytes) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(d.title() + ".docx", java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(MediaType.parseMediaType(DOCX))
                .body(bytes);
    }
}
