package org.luoshi.suggestion.web;

import java.time.LocalDate;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.suggestion.Suggestion;
import org.luoshi.suggestion.SuggestionService;
import org.luoshi.suggestion.SuggestionStatus;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The supervisor's side: the list, one suggestion with its triage, and the same over the API. */
@Controller
class SuggestionController {

    private static final int PAGE = 50;

    private final SuggestionService suggestions;
    private final UnitQuery units;

    SuggestionController(SuggestionService suggestions, UnitQuery units) {
        this.suggestions = suggestions;
        this.units = units;
    }

    @GetMapping("/suggestions")
    String list(
            CurrentUser user,
            @RequestParam(required = false) SuggestionStatus status,
            @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("page", suggestions.list(user, status, page, PAGE));
        model.addAttribute("status", status);
        model.addAttribute("statuses", SuggestionStatus.values());
        model.addAttribute("pageNo", page);
        model.addAttribute("pageSize", PAGE);
        return "suggestions/list";
    }

    @GetMapping("/suggestions/{id}")
    String show(CurrentUser user, UnitScope scope, @PathVariable long id, Model model) {
        Suggestion s = suggestions.get(user, id);
        model.addAttribute("s", s);
        model.addAttribute("history", suggestions.history(user, id));
        model.addAttribute("mine", user.username().equals(s.handledBy()));
        model.addAttribute("unitOptions", units.search("", scope, 500));
        model.addAttribute("defaultDeadline", LocalDate.now().plusDays(14));
        return "suggestions/show";
    }

    @PostMapping("/suggestions/{id}/{action}")
    String act(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        Integer version = form.get("version") == null ? null : Integer.valueOf(form.get("version"));
        try {
            String notice = switch (action) {
                case "claim" -> {
                    suggestions.claim(user, id, version);
                    yield "已受理";
                }
                case "phone" -> {
                    SuggestionService.Contact contact = suggestions.contact(user, id);
                    redirect.addFlashAttribute("phone", contact.phone());
                    redirect.addFlashAttribute("fullName", contact.name());
                    redirect.addFlashAttribute("revealed", true);
                    yield null;
                }
                case "transfer" -> {
                    suggestions.transfer(user, id, version, transfer(form));
                    yield "已转办";
                }
                case "answer" -> {
                    suggestions.answer(user, id, version, form.get("answer"));
                    yield "已答复";
                }
                case "merge" -> {
                    suggestions.merge(user, id, version, form.get("into"));
                    yield "已合并";
                }
                case "decline" -> {
                    suggestions.decline(user, id, version, form.get("reason"));
                    yield "已不予受理";
                }
                default -> throw DomainException.notFound("suggestion.action", "没有这个操作");
            };
            if (notice != null) {
                redirect.addFlashAttribute("notice", notice);
            }
        } catch (DomainException e) {
            if (e.refusesAccess() && !action.equals("phone")) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/suggestions/" + id;
    }

    @GetMapping("/suggestions/{id}/attachment")
    ResponseEntity<byte[]> attachment(CurrentUser user, @PathVariable long id) {
        SuggestionService.Attachment a = suggestions.attachment(user, id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(a.type()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(a.name(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(a.bytes());
    }

    // ---- API ----

    @GetMapping("/api/v1/suggestions")
    @ResponseBody
    SuggestionService.Page listApi(
            CurrentUser user,
            @RequestParam(required = false) SuggestionStatus status,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return suggestions.list(user, status, page, Math.clamp(size, 1, 200));
    }

    @GetMapping("/api/v1/suggestions/{id}")
    @ResponseBody
    Suggestion getApi(CurrentUser user, @PathVariable long id) {
        return suggestions.get(user, id);
    }

    record Triage(
            Integer version,
            String title,
            Long unitId,
            LocalDate deadline,
            Integer deadlineDays,
            String answer,
            String into,
            String reason) {}

    @PostMapping("/api/v1/suggestions/{id}/{action}")
    @ResponseBody
    Object actApi(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String action,
            @RequestBody(required = false) Triage t) {
        Triage body = t == null ? new Triage(null, null, null, null, null, null, null, null) : t;
        return switch (action) {
            case "claim" -> suggestions.claim(user, id, body.version());
            case "phone" -> {
                SuggestionService.Contact contact = suggestions.contact(user, id);
                Map<String, Object> revealed = new java.util.HashMap<>();
                revealed.put("phone", contact.phone());
                revealed.put("name", contact.name());
                yield revealed;
            }
            case "transfer" ->
                suggestions.transfer(
                        user,
                        id,
                        body.version(),
                        new SuggestionService.Transfer(
                                body.title(), body.unitId(), body.deadline(), body.deadlineDays()));
            case "answer" -> suggestions.answer(user, id, body.version(), body.answer());
            case "merge" -> suggestions.merge(user, id, body.version(), body.into());
            case "decline" -> suggestions.decline(user, id, body.version(), body.reason());
            default -> throw DomainException.notFound("suggestion.action", "没有这个操作");
        };
    }

    private static SuggestionService.Transfer transfer(Map<String, String> form) {
        return new SuggestionService.Transfer(
                form.get("title"),
                blank(form.get("unitId")) ? null : Long.valueOf(form.get("unitId")),
                blank(form.get("deadline")) ? null : LocalDate.parse(form.get("deadline")),
                null);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
