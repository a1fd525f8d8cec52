package org.luoshi.suggestion.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.suggestion.CitizenRating;
import org.luoshi.suggestion.PublicGate;
import org.luoshi.suggestion.SuggestionCategory;
import org.luoshi.suggestion.SuggestionService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;

/**
 * The citizen's side, without login: the form, the tracking page and their API twins. The tracking
 * code travels in a form body or the API path, never in a page address that lands in logs.
 */
@Controller
class PublicSuggestionController {

    private final SuggestionService suggestions;
    private final PublicGate gate;

    PublicSuggestionController(SuggestionService suggestions, PublicGate gate) {
        this.suggestions = suggestions;
        this.gate = gate;
    }

    @GetMapping("/public/suggestions")
    String form(HttpServletRequest request, Model model) {
        if (gate.challengeOn()) {
            // each view stores a question: count them like look-ups
            gate.count(PublicGate.Bucket.LOOKUP, request.getRemoteAddr());
        }
        return form(model, Map.of());
    }

    private String form(Model model, Map<String, String> values) {
        model.addAttribute("categories", SuggestionCategory.values());
        model.addAttribute("regions", suggestions.regions());
        model.addAttribute("challenge", gate.challengeOn() ? gate.challenge() : null);
        model.addAttribute("values", values);
        return "public/suggestion-form";
    }

    @PostMapping("/public/suggestions")
    String submit(
            @RequestParam Map<String, String> params,
            @RequestParam(required = false) MultipartFile attachment,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model)
            throws IOException {
        byte[] file = attachment == null || attachment.isEmpty() ? null : attachment.getBytes();
        try {
            String code = suggestions.submit(
                    new SuggestionService.Submission(
                            params.get("category"),
                            params.get("content"),
                            params.get("name"),
                            params.get("phone"),
                            regionId(params.get("regionId")),
                            params.get("challengeId"),
                            params.get("challengeAnswer"),
                            attachment == null ? null : attachment.getOriginalFilename(),
                            file),
                    request.getRemoteAddr());
            model.addAttribute("code", code);
            return "public/suggestion-submitted";
        } catch (DomainException e) {
            response.setStatus(e.kind().status());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("field", e.field());
            // what the citizen wrote stays in the form; the file must be chosen again
            return form(model, params);
        }
    }

    @GetMapping("/public/suggestions/track")
    String trackForm() {
        return "public/suggestion-track";
    }

    @PostMapping("/public/suggestions/track")
    String track(
            @RequestParam(required = false) String code,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        try {
            model.addAttribute("view", suggestions.track(code, request.getRemoteAddr()));
            model.addAttribute("ratings", CitizenRating.values());
        } catch (DomainException e) {
            response.setStatus(e.kind().status());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("code", code);
        }
        return "public/suggestion-track";
    }

    @PostMapping("/public/suggestions/rate")
    String rate(
            @RequestParam(required = false) String code,
            @RequestParam(required = false) String rating,
            @RequestParam(required = false) String comment,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        String address = request.getRemoteAddr();
        try {
            model.addAttribute("view", suggestions.rate(code, rating, comment, address));
            model.addAttribute("notice", "感谢您的评价");
        } catch (DomainException e) {
            response.setStatus(e.kind().status());
            model.addAttribute("error", e.getMessage());
            model.addAttribute("code", code);
            if (e.kind() != DomainException.Kind.NOT_FOUND && e.kind() != DomainException.Kind.TOO_MANY) {
                model.addAttribute("view", suggestions.track(code, address));
            }
        }
        model.addAttribute("ratings", CitizenRating.values());
        return "public/suggestion-track";
    }

    /** The form's fields as JSON; an attachment, if any, as base64 with its name. */
    @PostMapping("/api/v1/public/suggestions")
    @ResponseBody
    ResponseEntity<Map<String, String>> submitApi(
            @RequestBody SuggestionService.Submission s, HttpServletRequest request) {
        String code = suggestions.submit(s, request.getRemoteAddr());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("trackingCode", code));
    }

    @GetMapping("/api/v1/public/suggestions/{code}")
    @ResponseBody
    SuggestionService.PublicView trackApi(@PathVariable String code, HttpServletRequest request) {
        return suggestions.track(code, request.getRemoteAddr());
    }

    record RatingJson(String rating, String comment) {}

    @PostMapping("/api/v1/public/suggestions/{code}/rating")
    @ResponseBody
    SuggestionService.PublicView rateApi(
            @PathVariable String code, @RequestBody RatingJson r, HttpServletRequest request) {
        return suggestions.rate(code, r.rating(), r.comment(), request.getRemoteAddr());
    }

    /** A question to answer with the next submission; {@code enabled} false when none is asked. */
    @GetMapping("/api/v1/public/challenge")
    @ResponseBody
    Map<String, Object> challenge(HttpServletRequest request) {
        if (!gate.challengeOn()) {
            return Map.of("enabled", false);
        }
        gate.count(PublicGate.Bucket.LOOKUP, request.getRemoteAddr());
        PublicGate.Challenge c = gate.challenge();
        return Map.of("enabled", true, "id", c.id(), "question", c.question());
    }

    private static Long regionId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("suggestion.region", "regionId", "请选择列出的受理地区");
        }
    }
}
