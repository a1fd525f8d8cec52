package org.luoshi.summary.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.luoshi.DomainException;
import org.luoshi.item.ItemData;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.summary.ParsedSummaries;
import org.luoshi.summary.PlanDrafts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 总结解析 as a page: upload a summary, read its outline, tick the 下半年工作打算 worth tracking and
 * register them as draft items of a unit.
 */
@Controller
class SummaryPageController {

    private final PlanDrafts drafts;
    private final UnitQuery units;

    SummaryPageController(PlanDrafts drafts, UnitQuery units) {
        this.drafts = drafts;
        this.units = units;
    }

    @GetMapping("/summaries/parse")
    String page(UnitScope scope, Model model) {
        return page(scope, model, null);
    }

    @PostMapping("/summaries/parse")
    String parse(CurrentUser user, UnitScope scope, @RequestParam(required = false) MultipartFile file, Model model)
            throws IOException {
        try {
            ParsedSummaries parsed = ParsedSummaries.of(List.of(SummaryApiController.input(file)));
            model.addAttribute("fileName", file.getOriginalFilename());
            if (parsed.documents().isEmpty()) {
                model.addAttribute("failure", "没有找到工作总结：文件里没有像“××2026年上半年工作总结”这样的标题行");
            }
            return page(scope, model, parsed);
        } catch (DomainException e) {
            model.addAttribute("failure", e.getMessage());
            return page(scope, model, null);
        }
    }

    /** A plan offered for registration, with the document it came from. */
    record PlanRow(String document, String title, String detail, boolean picked) {}

    private String page(UnitScope scope, Model model, ParsedSummaries parsed) {
        PlanDrafts.HalfYear next = drafts.nextHalfYear();
        model.addAttribute("parsed", parsed);
        if (parsed != null) {
            List<PlanRow> rows = new ArrayList<>();
            parsed.documents()
                    .forEach(d ->
                            d.planItems().forEach(p -> rows.add(new PlanRow(d.title(), p.title(), p.detail(), false))));
            model.addAttribute("planRows", rows);
        }
        model.addAttribute("units", units.search("", scope, 500));
        model.addAttribute("startDate", next.start());
        model.addAttribute("deadline", next.end());
        return "summaries/parse";
    }

    @PostMapping("/summaries/plans")
    String register(
            CurrentUser user,
            UnitScope scope,
            @RequestParam(required = false) Long unitId,
            @RequestParam(required = false) LocalDate startDate,
            @RequestParam(required = false) LocalDate deadline,
            @RequestParam org.springframework.util.MultiValueMap<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        // read as lists of the form's own values: a single value would be split at its commas
        List<String> titles = form.get("title");
        List<String> details = form.get("detail");
        List<String> documents = form.get("document");
        List<String> picked = form.getOrDefault("pick", List.of());
        List<PlanDrafts.Plan> plans = new ArrayList<>();
        List<PlanRow> rows = new ArrayList<>();
        List<String> t = titles == null ? List.of() : titles;
        for (int i = 0; i < t.size(); i++) {
            String detail = details != null && i < details.size() ? details.get(i) : "";
            boolean chosen = picked.contains(String.valueOf(i));
            rows.add(new PlanRow(
                    documents != null && i < documents.size() ? documents.get(i) : "", t.get(i), detail, chosen));
            if (chosen) {
                plans.add(new PlanDrafts.Plan(t.get(i), detail));
            }
        }
        try {
            if (unitId == null) {
                throw DomainException.invalid("summary.unit.required", "unitId", "请选择承担这些打算的单位");
            }
            PlanDrafts.HalfYear next = drafts.nextHalfYear();
            List<ItemData> made = drafts.draft(
                    user,
                    unitId,
                    startDate == null ? next.start() : startDate,
                    deadline == null ? next.end() : deadline,
                    plans);
            redirect.addFlashAttribute("notice", "已把 " + made.size() + " 项下半年工作打算登记为草稿事项，请核对后派发");
            return "redirect:/items?status=DRAFT&unit=" + unitId;
        } catch (DomainException e) {
            model.addAttribute("failure", e.getMessage());
            model.addAttribute("unitId", unitId);
            page(scope, model, null);
            model.addAttribute("planRows", rows);
            if (startDate != null) {
                model.addAttribute("startDate", startDate);
            }
            if (deadline != null) {
                model.addAttribute("deadline", deadline);
            }
            return "summaries/parse";
        }
    }
}
