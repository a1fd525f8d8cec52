package org.luoshi.importing.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.luoshi.DomainException;
import org.luoshi.importing.ImportResult;
import org.luoshi.importing.LedgerImporter;
import org.luoshi.importing.NameMappings;
import org.luoshi.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * 台账导入 as a page: choose a file, check it (nothing written), read the report of bad cells, fix
 * the sheet, then import; the form answers in place through htmx, so the chosen file stays chosen.
 */
@Controller
class ImportPageController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final LedgerImporter importer;
    private final org.luoshi.importing.ImportRuns runs;

    private final NameMappings mappings;
    private final org.luoshi.org.UnitQuery unitQuery;
    private final org.luoshi.security.AccountQuery accounts;

    ImportPageController(
            LedgerImporter importer,
            org.luoshi.importing.ImportRuns runs,
            NameMappings mappings,
            org.luoshi.org.UnitQuery unitQuery,
            org.luoshi.security.AccountQuery accounts) {
        this.importer = importer;
        this.runs = runs;
        this.mappings = mappings;
        this.unitQuery = unitQuery;
        this.accounts = accounts;
    }

    @GetMapping("/imports")
    String page(CurrentUser user, Model model) {
        model.addAttribute("recent", runs.recent(user));
        model.addAttribute("mappings", mappings.list(user));
        return "imports/page";
    }

    /** 名称对照 saved from a row of the error report: the next check finds the name. */
    @PostMapping("/imports/mappings")
    String map(
            CurrentUser user,
            @RequestParam NameMappings.Kind kind,
            @RequestParam String name,
            @RequestParam(required = false) Long targetId,
            Model model) {
        try {
            NameMappings.Mapping m = mappings.save(user, kind, name, targetId);
            model.addAttribute("mapped", m);
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.FORBIDDEN) {
                throw e;
            }
            model.addAttribute("mapFailure", e.getMessage());
        }
        return "imports/mapped :: mapped";
    }

    @PostMapping("/imports/mappings/delete")
    String unmap(CurrentUser user, @RequestParam NameMappings.Kind kind, @RequestParam String name) {
        mappings.delete(user, kind, name);
        return "redirect:/imports";
    }

    /** A background import's state: polled by its progress bar until it is done. */
    @GetMapping("/imports/runs/{id}")
    String run(CurrentUser user, @PathVariable long id, Model model) {
        model.addAttribute("run", runs.find(user, id));
        return "imports/page :: run";
    }

    @PostMapping("/imports")
    String run(
            CurrentUser user,
            org.luoshi.org.UnitScope scope,
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "LEDGER") LedgerImporter.Mode mode,
            @RequestParam(defaultValue = "true") boolean dryRun,
            Model model)
            throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw DomainException.invalid("import.empty", "file", "请先选择要导入的 .xlsx 文件");
            }
            if (!dryRun) {
                // the import itself runs in the background; the page follows it
                long id = runs.start(user, mode, file.getOriginalFilename(), file.getBytes());
                model.addAttribute("run", runs.find(user, id));
                return "imports/page :: run";
            }
            ImportResult result;
            try (InputStream in = file.getInputStream()) {
                result = mode == LedgerImporter.Mode.PROBLEMS
                        ? importer.importProblems(user, in, dryRun)
                        : importer.importLedger(user, in, dryRun);
            } catch (LedgerImporter.RowRefused e) {
                result = new ImportResult(0, 0, 0, dryRun, List.of(e.error()));
            }
            model.addAttribute("result", result);
            model.addAttribute("fileName", file.getOriginalFilename());
            if (result.errors().stream().anyMatch(e -> e.unmatched() != null)) {
                model.addAttribute("mapUnits", unitQuery.search("", scope, 500));
                model.addAttribute("mapLeaders", accounts.namesWithRole(org.luoshi.security.Role.LEADER));
            }
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.FORBIDDEN) {
                throw e;
            }
            model.addAttribute("failure", e.getMessage());
        }
        return "imports/page :: result";
    }

    /** A template with the columns the importer reads best, an example row and notes. */
    @GetMapping("/imports/template/{mode}.xlsx")
    ResponseEntity<byte[]> template(@PathVariable String mode) throws IOException {
        boolean problems = mode.equals("problems");
        String[] header = problems
                ? new String[] {"序号", "问题类别", "问题描述", "整改措施", "责任单位", "责任领导", "整改时限"}
                : new String[] {"序号", "工作任务", "具体内容", "牵头领导", "牵头单位", "配合单位", "完成时限", "指标", "类别", "督办等级"};
        String[] example = problems
                ? new String[] {"1", "安全生产", "部分小区消防通道被占用", "开展专项整治，建立长效机制", "临江区", "", "2026年12月底"}
                : new String[] {
                    "1", "新建城市书房10个", "在人口密集社区建设24小时城市书房", "", "临江区", "市文化和旅游局", "2026-12-31", "新建书房10个", "民生实事", "重点"
                };
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet s = wb.createSheet(problems ? "反馈问题清单" : "督办台账");
            Row h = s.createRow(0);
            Row e = s.createRow(1);
            for (int i = 0; i < header.length; i++) {
                h.createCell(i).setCellValue(header[i]);
                e.createCell(i).setCellValue(example[i]);
                s.setColumnWidth(i, (i == 2 || i == 1 ? 30 : 14) * 256);
            }
            Sheet notes = wb.createSheet("填写说明");
            String[] lines = {
                "单位名称填全称或简称（如“临江区”“市发改委”），须在您的督查辖区内；多个配合单位用顿号分隔。",
                "日期可写 2026-06-30、2026年6月30日、6月底前、年底前。",
                "指标写名称和数值，如“完成投资3.2亿元”。",
                "第一行为表头，列名也可用“重点任务”“责任单位”“时间节点”等常用写法；表头以上可有标题行。",
                "同一份表再次导入时，已导入且仍为草稿的事项按表更新，不会重复。"
            };
            for (int i = 0; i < lines.length; i++) {
                notes.createRow(i).createCell(0).setCellValue(lines[i]);
            }
            notes.setColumnWidth(0, 100 * 256);
            wb.write(out);
            String name = java.net.URLEncoder.encode(
                            problems ? "反馈问题清单模板.xlsx" : "督办台账模板.xlsx", java.nio.charset.StandardCharsets.UTF_8)
                    .replace("+", "%20");
            return ResponseEntity.ok()
                    .header(
                            HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=\"template.xlsx\"; filename*=UTF-8''" + name)
                    .contentType(MediaType.parseMediaType(XLSX))
                    .body(out.toByteArray());
        }
    }
}
