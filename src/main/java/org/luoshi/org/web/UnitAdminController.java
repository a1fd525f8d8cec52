package org.luoshi.org.web;

import java.util.List;
import org.luoshi.DomainException;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitCommand;
import org.luoshi.org.UnitKind;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.org.UnitService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 单位管理: the system administrator walks the tree level by level, or searches it. */
@Controller
@RequestMapping("/admin/units")
class UnitAdminController {

    private final UnitService service;
    private final UnitQuery query;

    UnitAdminController(UnitService service, UnitQuery query) {
        this.service = service;
        this.query = query;
    }

    @GetMapping
    String browse(@RequestParam(required = false) Long parent, @RequestParam(required = false) String q, Model model) {
        UnitScope all = UnitScope.all();
        List<Unit> rows;
        if (q != null && !q.isBlank()) {
            rows = query.search(q, all, 200);
        } else {
            rows = query.children(parent, all);
        }
        if (parent != null) {
            Unit current = query.get(parent, all);
            model.addAttribute("current", current);
            model.addAttribute("lineage", query.lineage(current));
        }
        model.addAttribute("rows", rows);
        model.addAttribute(
                "childCounts", query.childCounts(rows.stream().map(Unit::id).toList()));
        model.addAttribute("q", q);
        return "admin/units";
    }

    /** htmx: the options of a unit picker, for account forms. */
    @GetMapping("/picker")
    String picker(@RequestParam(required = false) String q, Model model) {
        model.addAttribute("options", query.search(q, UnitScope.all(), 50));
        return "admin/unit-picker :: options";
    }

    @GetMapping("/new")
    String blank(@RequestParam(required = false) Long parent, Model model) {
        Unit p = parent == null ? null : query.get(parent, UnitScope.all());
        UnitKind kind = p == null
                ? UnitKind.CITY
                : p.kind().children().stream().findFirst().orElse(UnitKind.DEPARTMENT);
        model.addAttribute("form", new UnitForm(null, 0, "", "", "", kind, parent, 0));
        return form(model, p);
    }

    @PostMapping
    String create(UnitForm form, Model model, RedirectAttributes redirect) {
        try {
            Unit unit = service.create(form.command());
            redirect.addFlashAttribute("notice", "已新建单位「" + unit.name() + "」");
            return unit.parentId() == null
                    ? "redirect:/admin/units"
                    : "redirect:/admin/units?parent=" + unit.parentId();
        } catch (DomainException e) {
            return refused(form, e, model);
        }
    }

    @GetMapping("/{id}")
    String edit(@PathVariable long id, Model model) {
        Unit u = query.get(id, UnitScope.all());
        model.addAttribute("unit", u);
        model.addAttribute(
                "form",
                new UnitForm(
                        u.id(), u.version(), u.name(), u.shortName(), u.code(), u.kind(), u.parentId(), u.sortOrder()));
        return form(model, u.parentId() == null ? null : query.get(u.parentId(), UnitScope.all()));
    }

    @PostMapping("/{id}")
    String update(@PathVariable long id, UnitForm form, Model model, RedirectAttributes redirect) {
        try {
            Unit unit = service.update(id, form.version(), form.command());
            redirect.addFlashAttribute("notice", "已保存「" + unit.name() + "」");
            return "redirect:/admin/units/" + id;
        } catch (DomainException e) {
            model.addAttribute("unit", query.get(id, UnitScope.all()));
            return refused(form, e, model);
        }
    }

    @PostMapping("/{id}/enabled")
    String enable(
            @PathVariable long id,
            @RequestParam int version,
            @RequestParam boolean enabled,
            RedirectAttributes redirect) {
        Unit unit = service.setEnabled(id, version, enabled);
        redirect.addFlashAttribute("notice", (enabled ? "已启用「" : "已停用「") + unit.name() + "」");
        return "redirect:/admin/units/" + id;
    }

    private String refused(UnitForm form, DomainException e, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("error", e.getMessage());
        model.addAttribute("errorField", e.field());
        return form(
                model,
                form.parentId() == null
                        ? null
                        : query.find(form.parentId(), UnitScope.all()).orElse(null));
    }

    private String form(Model model, Unit parent) {
        model.addAttribute("parent", parent);
        model.addAttribute(
                "kinds",
                parent == null
                        ? List.of(UnitKind.values())
                        : List.copyOf(parent.kind().children()));
        return "admin/unit-form";
    }

    record UnitForm(
            Long id,
            int version,
            String name,
            String shortName,
            String code,
            UnitKind kind,
            Long parentId,
            Integer sortOrder) {
        UnitCommand command() {
            return new UnitCommand(name, shortName, code, kind, parentId, sortOrder);
        }
    }
}
