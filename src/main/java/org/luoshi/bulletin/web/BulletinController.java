package org.luoshi.bulletin.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.bulletin.Bulletin;
import org.luoshi.bulletin.BulletinService;
import org.luoshi.bulletin.PeriodKind;
import org.luoshi.document.OfficialText.Block;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 通报 as pages (list, one bulletin with its editor) and under /api/v1/bulletins. */
@Controller
class BulletinController {

    static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private final BulletinService bulletins;
    private final UnitQuery units;
    private final Clock clock;

    BulletinController(BulletinService bulletins, UnitQuery units, Clock clock) {
        this.bulletins = bulletins;
        this.units = units;
        this.clock = clock;
    }

    @GetMapping("/bulletins")
    String list(CurrentUser user, UnitScope scope, Model model) {
        model.addAttribute("bulletins", bulletins.list(user, 200));
        model.addAttribute("kinds", PeriodKind.values());
        if (user.has(Role.SUPERVISOR)) {
            model.addAttribute(
                    "unitOptions",
                    units.search("", scope, 500).stream()
                            .filter(u -> u.kind().isRegion())
                            .toList());
        }
        model.addAttribute("today", LocalDate.now(clock));
        return "bulletins/list";
    }

    @PostMapping("/bulletins")
    String draft(
            CurrentUser user,
            @RequestParam(required = false) Long unitId,
            @RequestParam(required = false) PeriodKind kind,
            @RequestParam(required = false) LocalDate day,
            @RequestParam(defaultValue = "false") boolean fresh,
            RedirectAttributes redirect) {
        try {
            if (unitId == null) {
                throw DomainException.invalid("bulletin.unit", "unitId", "请选择通报的辖区");
            }
            Bulletin b = bulletins.draft(user, unitId, kind, day, fresh);
            redirect.addFlashAttribute("notice", fresh ? "已按最新台账重新起草" : "已起草");
            return "redirect:/bulletins/" + b.id();
        } catch (DomainException e) {
            if (e.kind() == DomainException.Kind.FORBIDDEN) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/bulletins";
        }
    }

    @GetMapping("/bulletins/{id}")
    String show(CurrentUser user, @PathVariable long id, Model model) {
        Bulletin b = bulletins.get(user, id);
        model.addAttribute("b", b);
        model.addAttribute("manages", bulletins.manages(user, b) && !b.published());
        return "bulletins/show";
    }

    @PostMapping("/bulletins/{id}/{action}")
    String act(
            CurrentUser user,
            @PathVariable long id,
            @PathVariable String action,
            @RequestParam int version,
            @RequestParam MultiValueMap<String, String> form,
            RedirectAttributes redirect) {
        try {
            switch (action) {
                case "edit" -> {
                    bulletins.edit(user, id, version, form.getFirst("title"), blocks(form));
                    redirect.addFlashAttribute("notice", "已保存");
                }
                case "publish" -> {
                    Bulletin b = bulletins.publish(user, id, version);
                    redirect.addFlashAttribute("notice", "已发布（" + b.number() + "）");
                }
                case "discard" -> {
                    bulletins.discard(user, id, version);
                    redirect.addFlashAttribute("notice", "已删除草稿");
                    return "redirect:/bulletins";
                }
                case "redraft" -> {
                    Bulletin b = bulletins.get(user, id);
                    bulletins.draft(user, b.unitId(), b.periodKind(), b.periodStart(), true);
                    redirect.addFlashAttribute("notice", "已按最新台账重新起草");
                }
                default -> throw DomainException.notFound("bulletin.action", "没有这个操作");
            }
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/bulletins/" + id;
    }

    @GetMapping({"/bulletins/{id}/document", "/api/v1/bulletins/{id}/document"})
    ResponseEntity<byte[]> document(CurrentUser user, @PathVariable long id) {
        Bulletin b = bulletins.get(user, id);
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(b.title() + ".docx", java.nio.charset.StandardCharsets.UTF_8)
                                .build()
                                .toString())
                .contentType(MediaType.parseMediaType(DOCX))
                .body(bulletins.document(user, id));
    }

    // ---- API ----

    @GetMapping("/api/v1/bulletins")
    @ResponseBody
    Map<String, Object> listApi(CurrentUser user) {
        return Map.of("bulletins", bulletins.list(user, 200));
    }

    record DraftJson(Long unitId, PeriodKind kind, LocalDate day, Boolean fresh) {}

    @PostMapping("/api/v1/bulletins")
    @ResponseBody
    ResponseEntity<Bulletin> draftApi(CurrentUser user, @RequestBody DraftJson d) {
        if (d.unitId() == null) {
            throw DomainException.invalid("bulletin.unit", "unitId", "请选择通报的辖区");
        }
        Bulletin b = bulletins.draft(
                user,
                d.unitId(),
                d.kind(),
                d.day() == null ? LocalDate.now(clock) : d.day(),
                Boolean.TRUE.equals(d.fresh()));
        return ResponseEntity.status(HttpStatus.CREATED).body(b);
    }

    @GetMapping("/api/v1/bulletins/{id}")
    @ResponseBody
    Bulletin getApi(CurrentUser user, @PathVariable long id) {
        return bulletins.get(user, id);
    }

    record EditJson(Integer version, String title, List<Block> blocks) {}

    @PutMapping("/api/v1/bulletins/{id}")
    @ResponseBody
    Bulletin editApi(CurrentUser user, @PathVariable long id, @RequestBody EditJson e) {
        return bulletins.edit(user, id, version(e.version()), e.title(), e.blocks());
    }

    record VersionJson(Integer version) {}

    @PostMapping("/api/v1/bulletins/{id}/publish")
    @ResponseBody
    Bulletin publishApi(CurrentUser user, @PathVariable long id, @RequestBody VersionJson v) {
        return bulletins.publish(user, id, version(v.version()));
    }

    @DeleteMapping("/api/v1/bulletins/{id}")
    ResponseEntity<Void> discardApi(CurrentUser user, @PathVariable long id, @RequestParam Integer version) {
        bulletins.discard(user, id, version(version));
        return ResponseEntity.noContent().build();
    }

    private static int version(Integer v) {
        if (v == null) {
            throw DomainException.invalid("bulletin.version", "version", "请带上所修改通报的版本号（version）");
        }
        return v;
    }

    /** The editor's paragraphs: text-N with level-N, in order. */
    private static List<Block> blocks(MultiValueMap<String, String> form) {
        List<Block> out = new ArrayList<>();
        for (int i = 0; form.containsKey("text-" + i); i++) {
            String level = form.getFirst("level-" + i);
            out.add(new Block(level == null ? 0 : Integer.parseInt(level), form.getFirst("text-" + i)));
        }
        return out;
    }
}
