package org.luoshi.assessment.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.assessment.AssessmentService;
import org.luoshi.assessment.Criterion;
import org.luoshi.assessment.Scheme;
import org.luoshi.assessment.Scoring;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 考核 as pages (schemes, one scheme with scores, derivations, what-if, bonuses, appeals) and API. */
@Controller
class AssessmentController {

    private final AssessmentService assessments;
    private final UnitQuery units;
    private final Clock clock;

    AssessmentController(AssessmentService assessments, UnitQuery units, Clock clock) {
        this.assessments = assessments;
        this.units = units;
        this.clock = clock;
    }

    @GetMapping("/assessments")
    String list(CurrentUser user, UnitScope scope, Model model) {
        model.addAttribute("schemes", assessments.list(user));
        if (user.has(Role.SUPERVISOR)) {
            model.addAttribute(
                    "unitOptions",
                    units.search("", scope, 500).stream()
                            .filter(u -> u.kind().isRegion())
                            .toList());
        }
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("defaultFrom", today.withDayOfYear(1));
        model.addAttribute("defaultTo", today.withDayOfYear(today.lengthOfYear()));
        model.addAttribute("groups", Scheme.Group.values());
        return "assessments/list";
    }

    @PostMapping("/assessments")
    String create(
            CurrentUser user,
            @RequestParam(required = false) Long unitId,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "100") int scale,
            @RequestParam(defaultValue = "ALL") Scheme.Group group,
            RedirectAttributes redirect) {
        try {
            Scheme s = assessments.create(
                    user,
                    AssessmentService.usual(unitId == null ? 0 : unitId, name, from, to, scale)
                            .withGroup(group));
            redirect.addFlashAttribute("notice", "已建立考核方案，可调整权重后试算");
            return "redirect:/assessments/" + s.id();
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/assessments";
        }
    }

    @GetMapping("/assessments/{id}")
    String show(CurrentUser user, @PathVariable long id, Model model) {
        AssessmentService.View v = assessments.view(user, id);
        model.addAttribute("v", v);
        model.addAttribute("s", v.scheme());
        model.addAttribute("criteria", Criterion.values());
        if (v.manages()) {
            model.addAttribute("assessed", assessments.assessedUnits(v.scheme()));
        }
        model.addAttribute("defaultAppealUntil", LocalDate.now(clock).plusDays(7));
        @SuppressWarnings("unchecked")
        List<Scheme.Weight> shown = model.containsAttribute("tried")
                ? (List<Scheme.Weight>) model.getAttribute("tried")
                : v.scheme().weights();
        Map<String, BigDecimal> weightOf = new java.util.HashMap<>();
        shown.forEach(w -> weightOf.put(w.criterion().name(), w.points()));
        model.addAttribute("weightOf", weightOf);
        Map<Long, Scoring.UnitScore> currentOf = new java.util.HashMap<>();
        v.scores().forEach(u -> currentOf.put(u.unitId(), u));
        model.addAttribute("currentOf", currentOf);
        return "assessments/show";
    }

    /** 试算 from the page: the ranking under the weights typed in, beside the current one. */
    @PostMapping("/assessments/{id}/what-if")
    String whatIf(CurrentUser user, @PathVariable long id, @RequestParam Map<String, String> form, Model model) {
        List<Scheme.Weight> weights = weights(form);
        try {
            model.addAttribute("whatIf", assessments.whatIf(user, id, weights));
        } catch (DomainException e) {
            if (e.kind() != DomainException.Kind.INVALID) {
                throw e;
            }
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("tried", weights);
        return show(user, id, model);
    }

    /** 加减分 from the page, with its document if one is attached. */
    @PostMapping("/assessments/{id}/adjust")
    String adjust(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam Map<String, String> form,
            @RequestParam(required = false) org.springframework.web.multipart.MultipartFile evidenceFile,
            RedirectAttributes redirect)
            throws java.io.IOException {
        try {
            boolean attached = evidenceFile != null && !evidenceFile.isEmpty();
            assessments.adjust(
                    user,
                    id,
                    Long.parseLong(form.getOrDefault("unitId", "0")),
                    decimal(form.get("points"), "分值"),
                    form.get("reason"),
                    form.get("evidence"),
                    attached ? evidenceFile.getOriginalFilename() : null,
                    attached ? evidenceFile.getBytes() : null);
            redirect.addFlashAttribute("notice", "已记入加减分");
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/assessments/" + id;
    }

    /** The document behind a bonus or deduction. */
    @GetMapping({
        "/assessments/{id}/adjustments/{adjustment}/file",
        "/api/v1/assessments/{id}/adjustments/{adjustment}/file"
    })
    ResponseEntity<byte[]> evidence(CurrentUser user, @PathVariable long id, @PathVariable long adjustment) {
        AssessmentService.EvidenceFile f = assessments.evidence(user, id, adjustment);
        return ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(f.type()))
                .header(
                        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        org.springframework.http.ContentDisposition.attachment()
                                .filename(f.name(), java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(f.data());
    }

    @PostMapping("/assessments/{id}/{action}")
    String act(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam Map<String, String> form,
            RedirectAttributes redirect) {
        try {
            String notice = switch (action) {
                case "weights" -> {
                    Scheme s = assessments.view(user, id).scheme();
                    assessments.update(
                            user,
                            id,
                            version(form),
                            new AssessmentService.NewScheme(
                                    s.unitId(),
                                    s.name(),
                                    s.from(),
                                    s.to(),
                                    s.scale(),
                                    s.group(),
                                    s.leadCredit(),
                                    decimal(form.get("coCredit"), "协办系数"),
                                    weights(form),
                                    s.grades()));
                    yield "已保存权重";
                }
                case "publicize" -> {
                    assessments.publicize(user, id, version(form), date(form.get("appealUntil")));
                    yield "已公示，各单位可查看本单位得分并申诉";
                }
                case "appeal" -> {
                    assessments.appeal(user, id, form.get("line"), form.get("reason"));
                    yield "已提交申诉";
                }
                case "answer" -> {
                    boolean accept = "true".equals(form.get("accept"));
                    assessments.answer(
                            user,
                            id,
                            Long.parseLong(form.getOrDefault("appealId", "0")),
                            accept,
                            form.get("reply"),
                            accept ? decimal(form.get("correction"), "更正分值") : null);
                    yield "已答复申诉";
                }
                case "publish" -> {
                    assessments.publish(user, id, version(form));
                    yield "已发布，考核结果锁定";
                }
                default -> throw DomainException.notFound("assessment.action", "没有这个操作");
            };
            redirect.addFlashAttribute("notice", notice);
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/assessments/" + id;
    }

    // ---- API ----

    @GetMapping("/api/v1/assessments")
    @ResponseBody
    Map<String, Object> listApi(CurrentUser user) {
        return Map.of("schemes", assessments.list(user));
    }

    @PostMapping("/api/v1/assessments")
    @ResponseBody
    ResponseEntity<Scheme> createApi(CurrentUser user, @RequestBody AssessmentService.NewScheme n) {
        AssessmentService.NewScheme usual = AssessmentService.usual(
                n.unitId() == null ? 0 : n.unitId(), n.name(), n.from(), n.to(), n.scale() == null ? 100 : n.scale());
        AssessmentService.NewScheme filled = new AssessmentService.NewScheme(
                n.unitId(),
                n.name(),
                n.from(),
                n.to(),
                usual.scale(),
                n.group() == null ? Scheme.Group.ALL : n.group(),
                n.leadCredit() == null ? usual.leadCredit() : n.leadCredit(),
                n.coCredit() == null ? usual.coCredit() : n.coCredit(),
                n.weights() == null ? usual.weights() : n.weights(),
                n.grades() == null ? usual.grades() : n.grades());
        return ResponseEntity.status(HttpStatus.CREATED).body(assessments.create(user, filled));
    }

    @GetMapping("/api/v1/assessments/{id}")
    @ResponseBody
    AssessmentService.View viewApi(CurrentUser user, @PathVariable long id) {
        return assessments.view(user, id);
    }

    record UpdateJson(Integer version, AssessmentService.NewScheme scheme) {}

    @PutMapping("/api/v1/assessments/{id}")
    @ResponseBody
    Scheme updateApi(CurrentUser user, @PathVariable long id, @RequestBody UpdateJson u) {
        return assessments.update(user, id, required(u.version()), u.scheme());
    }

    /** A bonus or deduction; the document, if any, as base64 with its file name. */
    record AdjustJson(
            Long unitId,
            BigDecimal points,
            String reason,
            String evidence,
            String evidenceFileName,
            byte[] evidenceFile) {}

    @PostMapping("/api/v1/assessments/{id}/adjustments")
    @ResponseBody
    AssessmentService.View adjustApi(CurrentUser user, @PathVariable long id, @RequestBody AdjustJson a) {
        assessments.adjust(
                user,
                id,
                a.unitId() == null ? 0 : a.unitId(),
                a.points(),
                a.reason(),
                a.evidence(),
                a.evidenceFileName(),
                a.evidenceFile());
        return assessments.view(user, id);
    }

    @DeleteMapping("/api/v1/assessments/{id}/adjustments/{adjustment}")
    ResponseEntity<Void> removeApi(CurrentUser user, @PathVariable long id, @PathVariable long adjustment) {
        assessments.removeAdjustment(user, id, adjustment);
        return ResponseEntity.noContent().build();
    }

    record StageJson(Integer version, LocalDate appealUntil) {}

    @PostMapping("/api/v1/assessments/{id}/publicize")
    @ResponseBody
    Scheme publicizeApi(CurrentUser user, @PathVariable long id, @RequestBody StageJson s) {
        return assessments.publicize(user, id, required(s.version()), s.appealUntil());
    }

    @PostMapping("/api/v1/assessments/{id}/publish")
    @ResponseBody
    Scheme publishApi(CurrentUser user, @PathVariable long id, @RequestBody StageJson s) {
        return assessments.publish(user, id, required(s.version()));
    }

    record AppealJson(String line, String reason) {}

    @PostMapping("/api/v1/assessments/{id}/appeals")
    @ResponseBody
    ResponseEntity<AssessmentService.Appeal> appealApi(
            CurrentUser user, @PathVariable long id, @RequestBody AppealJson a) {
        return ResponseEntity.status(HttpStatus.CREATED).body(assessments.appeal(user, id, a.line(), a.reason()));
    }

    record AnswerJson(Boolean accept, String reply, BigDecimal correction) {}

    @PostMapping("/api/v1/assessments/{id}/appeals/{appeal}/answer")
    @ResponseBody
    AssessmentService.View answerApi(
            CurrentUser user, @PathVariable long id, @PathVariable long appeal, @RequestBody AnswerJson a) {
        assessments.answer(user, id, appeal, Boolean.TRUE.equals(a.accept()), a.reply(), a.correction());
        return assessments.view(user, id);
    }

    record WhatIfJson(List<Scheme.Weight> weights) {}

    @PostMapping("/api/v1/assessments/{id}/what-if")
    @ResponseBody
    Map<String, List<Scoring.UnitScore>> whatIfApi(CurrentUser user, @PathVariable long id, @RequestBody WhatIfJson w) {
        return Map.of("scores", assessments.whatIf(user, id, w.weights()));
    }

    private static int required(Integer version) {
        if (version == null) {
            throw DomainException.invalid("assessment.version", "version", "请带上方案的版本号（version）");
        }
        return version;
    }

    private static int version(Map<String, String> form) {
        try {
            return Integer.parseInt(form.getOrDefault("version", ""));
        } catch (NumberFormatException e) {
            throw DomainException.invalid("assessment.version", "version", "请带上方案的版本号（version）");
        }
    }

    /** The weights typed in: one field per criterion, named by it; blank or zero leaves it out. */
    private static List<Scheme.Weight> weights(Map<String, String> form) {
        List<Scheme.Weight> out = new ArrayList<>();
        for (Criterion c : Criterion.values()) {
            String raw = form.get("w-" + c.name());
            if (raw != null && !raw.isBlank()) {
                BigDecimal points = decimal(raw, c.label());
                if (points.signum() != 0) {
                    out.add(new Scheme.Weight(c, points));
                }
            }
        }
        return out;
    }

    private static BigDecimal decimal(String raw, String what) {
        try {
            return new BigDecimal(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            throw DomainException.invalid("assessment.number", "points", "{0}须为数字", what);
        }
    }

    private static LocalDate date(String raw) {
        try {
            return raw == null || raw.isBlank() ? null : LocalDate.parse(raw.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw DomainException.invalid("assessment.date", "appealUntil", "日期格式应为 yyyy-MM-dd");
        }
    }
}
