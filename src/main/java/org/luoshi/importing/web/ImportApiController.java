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

    ImportApiController(LedgerImporter importer) {
        this.importer = importer;
    }

    @PostMapping("/api/v1/imports/ledger")
    ResponseEntity<Map<String, Object>> ledger(
            CurrentUser user,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun)
            throws IOException {
        return run(user, file, dryRun, LedgerImporter.Mode.LEDGER);
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
        return j;
    }
}
