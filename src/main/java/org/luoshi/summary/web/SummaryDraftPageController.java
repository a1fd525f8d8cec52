package org.luoshi.summary.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.summary.SummaryDrafts;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 半年工作总结 as a page: pick a unit and a half-year, read the draft with each figure linked to
 * where it came from, edit its paragraphs, download it as an official document.
 */
@Controller
class SummaryDraftPageController {

    private final SummaryDrafts drafts;
    private final UnitQuery units;
    private final Clock clock;

    SummaryDraftPageController(SummaryDrafts drafts, UnitQuery units, Clock clock) {
        this.drafts = drafts;
        this.units = units;
        this.clock = clock;
    }

    @GetMapping("/summaries/draft")
    String page(
            CurrentUser user,
            UnitScope scope,
            @RequestParam(required = false) Long unit,
            @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "false") boolean fresh,
            Model model) {
        String half = period == null || period.isBlank() ? lastHalfYear() : period;
        model.addAttribute("units", units.search("", scope, 500));
        model.addAttribute("periods", periods());
        model.addAttribute("period", half);
        model.addAttribute("unit", unit);
        if (unit != null) {
            try {
                model.addAttribute("draft", drafts.get(user, scope, unit, half, fresh));
                model.addAttribute("fresh", fresh);
            } catch (DomainException e) {
                if (e.refusesAccess()) {
                    throw e;
                }
                model.addAttribute("failure", e.getMessage());
            }
        }
        return "summaries/draft";
    }

    /** The draft as an official document, for the page's download link. */
    @GetMapping("/summaries/draft.docx")
    org.springframework.http.ResponseEntity<byte[]> docx(
            CurrentUser user, UnitScope scope, @RequestParam long unit, @RequestParam String period) {
        var d = drafts.get(user, scope, unit, period, false);
        return SummaryDraftApiController.docx(d, org.luoshi.document.Gbt9704.render(d.official(LocalDate.now(clock))));
    }

    @PostMapping("/summaries/draft")
    String save(
            CurrentUser user,
            UnitScope scope,
            @RequestParam long unit,
            @RequestParam String period,
            @RequestParam int version,
            @RequestParam(defaultValue = "false") boolean fresh,
            @RequestParam MultiValueMap<String, String> form,
            Model model,
            RedirectAttributes redirect) {
        Map<String, String> paragraphs = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (name.startsWith("p.") && !values.isEmpty()) {
                paragraphs.put(name.substring(2), values.getFirst());
            }
        });
        try {
            drafts.edit(user, scope, unit, period, version, fresh, paragraphs);
            redirect.addFlashAttribute("notice", "修改已保存");
            return "redirect:/summaries/draft?unit=" + unit + "&period=" + period;
        } catch (DomainException e) {
            model.addAttribute("failure", e.getMessage());
            return page(user, scope, unit, period, fresh, model);
        }
    }

    /** The half-year a summary is being written for now. */
    private String lastHalfYear() {
        // written as the half-year closes: June's summary is still the first half's
        LocalDate d = LocalDate.now(clock).minusMonths(1);
        return d.getYear() + "-H" + (d.getMonthValue() <= 6 ? 1 : 2);
    }

    private List<String> periods() {
        int year = LocalDate.now(clock).getYear();
        return List.of(year + "-H2", year + "-H1", (year - 1) + "-H2", (year - 1) + "-H1");
    }
}
