package org.luoshi.importing.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.importing.ImportResult;
import org.luoshi.importing.LedgerImporter;
import org.luoshi.importing.RowError;
import org.luoshi.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/imports/ledger}: 200 with what landed, or 422 with every bad cell and nothing written. */
@RestController
class ImportApiController {

    private final LedgerImporter importer;
    private final org.luoshi.importing.NameMappings mappings;

    private final org.luoshi.importing.ImportRuns runs;

    ImportApiController(
            LedgerImporter importer, org.luoshi.importing.NameMappings mappings, org.luoshi.importing.ImportRuns runs) {
        this.importer = importer;
        this.mappings = mappings;
        this.runs = runs;
    }

    @PostMapping("/api/v1/imports/ledger")
    ResponseEntity<Map<String, Object>> ledger(
            CurrentUser user,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(defaultValue = "false") boolean background)
            throws IOException {
        if (background && !dryRun) {
            return start(user, file, LedgerImporter.Mode.LEDGER);
        }
        return run(user, file, dryRun, LedgerImporter.Mode.LEDGER);
    }

    /** A long import left to run: 202 with the run to follow at {@code /api/v1/imports/runs/{id}}. */
    private ResponseEntity<Map<String, Object>> start(CurrentUser user, MultipartFile file, LedgerImporter.Mode mode)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw DomainException.invalid("import.empty", "file", "请上传 .xlsx 文件，字段名 file");
        }
        long id = runs.start(user, mode, file.getOriginalFilename(), file.getBytes());
        return ResponseEntity.accepted()
                .header("Location", "/api/v1/imports/runs/" + id)
                .body(Map.of("runId", id, "status", "RUNNING"));
    }

    /** A run's state: RUNNING with rows done of total, then DONE, REFUSED (with errors) or FAILED. */
    @org.springframework.web.bind.annotation.GetMapping("/api/v1/imports/runs/{id}")
    Map<String, Object> run(CurrentUser user, @org.springframework.web.bind.annotation.PathVariable long id) {
        org.luoshi.importing.ImportRuns.Run r = runs.find(user, id);
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", r.id());
        j.put("status", r.status());
        j.put("total", r.total());
        j.put("done", r.done());
        j.put("percent", r.percent());
        j.put("imported", r.imported());
        j.put("updated", r.updated());
        j.put("unchanged", r.unchanged());
        j.put("message", r.message());
        j.put("errors", r.errors().stream().map(ImportApiController::json).toList());
        return j;
    }

    /** 督导组反馈问题清单 as rectification items. */
    @PostMapping("/api/v1/imports/problems")
    ResponseEntity<Map<String, Object>> problems(
            CurrentUser user,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun)
            throws IOException {
        return run(user, file, dryRun, LedgerImporter.Mode.PROBLEMS);
    }

    private ResponseEntity<Map<String, Object>> run(
            CurrentUser user, MultipartFile file, boolean dryRun, LedgerImporter.Mode mode) throws IOException {
        if (file == null || file.isEmpty()) {
            throw DomainException.invalid("import.empty", "file", "请上传 .xlsx 文件，字段名 file");
        }
        ImportResult result;
        try (InputStream in = file.getInputStream()) {
            result = importer.run(user, in, dryRun, mode, LedgerImporter.Progress.NONE);
        } catch (LedgerImporter.RowRefused e) {
            result = new ImportResult(0, 0, 0, dryRun, List.of(e.error()));
        }
        return ResponseEntity.status(result.ok() ? 200 : 422).body(json(result));
    }

    static Map<String, Object> json(ImportResult r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("imported", r.ok() ? r.imported() : 0);
        j.put("updated", r.updated());
        j.put("unchanged", r.unchanged());
        j.put("dryRun", r.dryRun());
        j.put("errors", r.errors().stream().map(ImportApiController::json).toList());
        return j;
    }

    private static Map<String, Object> json(RowError e) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("sheet", e.sheet());
        j.put("row", e.row());
        j.put("column", e.column());
        j.put("reason", e.reason());
        if (e.unmatched() != null) {
            j.put(
                    "unmatched",
                    Map.of(
                            "kind",
                            e.unmatched().kind().name(),
                            "name",
                            e.unmatched().name()));
        }
        return j;
    }

    /** 名称对照 of the user's unit: the names its sheets use for units and leaders known otherwise. */
    @org.springframework.web.bind.annotation.GetMapping("/api/v1/imports/mappings")
    Map<String, Object> mappings(CurrentUser user) {
        return Map.of("mappings", mappings.list(user));
    }

    record MappingRequest(org.luoshi.importing.NameMappings.Kind kind, String name, Long targetId) {}

    @org.springframework.web.bind.annotation.PutMapping("/api/v1/imports/mappings")
    org.luoshi.importing.NameMappings.Mapping map(
            CurrentUser user, @org.springframework.web.bind.annotation.RequestBody MappingRequest r) {
        return mappings.save(user, r.kind(), r.name(), r.targetId());
    }

    @org.springframework.web.bind.annotation.DeleteMapping("/api/v1/imports/mappings")
    ResponseEntity<Void> unmap(
            CurrentUser user, @RequestParam org.luoshi.importing.NameMappings.Kind kind, @RequestParam String name) {
        mappings.delete(user, kind, name);
        return ResponseEntity.noContent().build();
    }
}
