package org.luoshi.org.web;

import java.util.List;
import org.luoshi.org.Unit;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** 组织机构: what a business user may see of the tree, within his data scope. */
@Controller
class DirectoryController {

    private final UnitQuery query;

    DirectoryController(UnitQuery query) {
        this.query = query;
    }

    @GetMapping("/org")
    String top(@RequestParam(required = false) String q, UnitScope scope, Model model) {
        List<Unit> rows = q == null || q.isBlank() ? query.children(null, scope) : query.search(q, scope, 200);
        model.addAttribute("rows", rows);
        model.addAttribute(
                "childCounts", query.childCounts(rows.stream().map(Unit::id).toList()));
        model.addAttribute("q", q);
        return "org/directory";
    }

    @GetMapping("/org/units/{id}")
    String unit(@PathVariable long id, UnitScope scope, Model model) {
        Unit unit = query.get(id, scope); // outside the scope: "not found", nothing leaks
        List<Unit> children = query.children(id, scope);
        model.addAttribute("unit", unit);
        model.addAttribute(
                "lineage",
                query.lineage(unit).stream().filter(u -> scope.covers(u.path())).toList());
        model.addAttribute("rows", children);
        model.addAttribute(
                "childCounts", query.childCounts(children.stream().map(Unit::id).toList()));
        return "org/unit";
    }
}
