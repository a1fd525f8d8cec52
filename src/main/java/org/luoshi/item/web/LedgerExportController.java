package org.luoshi.item.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.luoshi.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Large ledger exports in the background: started from the ledger (or the API), followed by a
 * progress bar, downloaded when done, and listed under 导出记录 to be found again.
 */
@Controller
class LedgerExportController {

    private final LedgerExportRuns runs;
    private final LedgerExport export;

    LedgerExportController(LedgerExportRuns runs, LedgerExport export) {
        this.runs = runs;
        this.export = export;
    }

    @PostMapping("/items/export")
    String start(CurrentUser user, LedgerParams params) {
        long id = runs.start(user, params, export.unitPath(params));
        return "redirect:/items/exports?run=" + id;
    }

    @GetMapping("/items/exports")
    String page(
            CurrentUser user,
            @org.springframework.web.bind.annotation.RequestParam(required = false) Long run,
            Model model) {
        if (run != null) {
            model.addAttribute("run", runs.find(user, run));
        }
        // the run being followed has its own card; the list shows the others
        model.addAttribute(
                "recent",
                runs.recent(user).stream()
                        .filter(r -> run == null || r.id() != run)
                        .toList());
        return "items/exports";
    }

    /** The run's card, polled by its progress bar until it is done. */
    @GetMapping("/items/exports/{id}")
    String run(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("run", runs.find(user, id));
        return "items/exports :: run";
    }

    @GetMapping("/items/exports/{id}/file")
    ResponseEntity<byte[]> file(CurrentUser user, @PathVariable long id) {
        LedgerExportRuns.Run run = runs.find(user, id);
        byte[] content = runs.file(user, id);
        String name = URLEncoder.encode(run.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"ledger-" + id + ".xlsx\"; filename*=UTF-8''" + name)
                .contentType(MediaType.parseMediaType(LedgerExport.XLSX))
                .body(content);
    }

    /** The API's background export: 202 with the run to follow. */
    @PostMapping("/api/v1/items/export")
    @ResponseBody
    ResponseEntity<Map<String, Object>> startApi(CurrentUser user, LedgerParams params) {
        long id = runs.start(user, params, export.unitPath(params));
        return ResponseEntity.accepted()
                .header("Location", "/api/v1/exports/" + id)
                .body(Map.of("exportId", id, "status", "RUNNING"));
    }

    @GetMapping("/api/v1/exports/{id}")
    @ResponseBody
    Map<String, Object> runApi(CurrentUser user, @PathVariable long id) {
        LedgerExportRuns.Run r = runs.find(user, id);
        Map<String, Object> j = new java.util.LinkedHashMap<>();
        j.put("id", r.id());
        j.put("status", r.status());
        j.put("done", r.done());
        j.put("total", r.total());
        j.put("percent", r.percent());
        j.put("message", r.message());
        j.put("file", r.status().equals("DONE") ? "/api/v1/exports/" + r.id() + "/file" : null);
        return j;
    }

    @GetMapping("/api/v1/exports/{id}/file")
    ResponseEntity<byte[]> fileApi(CurrentUser user, @PathVariable long id) {
        return file(user, id);
    }
}
