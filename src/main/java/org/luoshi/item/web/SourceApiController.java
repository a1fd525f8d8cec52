package org.luoshi.item.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.item.ItemSource;
import org.luoshi.item.NewSource;
import org.luoshi.item.SourceKind;
import org.luoshi.item.SourceService;
import org.luoshi.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/sources}: 来源 that items answer to; the items of one are read through the ledger's filter. */
@RestController
@RequestMapping("/api/v1/sources")
class SourceApiController {

    private final SourceService sources;

    SourceApiController(SourceService sources) {
        this.sources = sources;
    }

    @GetMapping
    Map<String, Object> list(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String q,
            @RequestParam(defaultValue = "100") int limit) {
        return Map.of(
                "sources",
                sources.list(ItemApiController.parse(SourceKind.class, kind, "kind"), q, limit).stream()
                        .map(SourceApiController::json)
                        .toList());
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id) {
        return json(sources.find(id).orElseThrow(() -> DomainException.notFound("source.notFound", "来源 {0} 不存在", id)));
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(CurrentUser user, @RequestBody Map<String, Object> body) {
        Object kind = body.get("kind");
        ItemSource created = sources.create(
                user,
                new NewSource(
                        ItemApiController.parse(SourceKind.class, kind == null ? null : kind.toString(), "kind"),
                        text(body, "title"),
                        text(body, "docNumber"),
                        ItemApiController.date("issuedOn", text(body, "issuedOn")),
                        text(body, "leaderName")));
        return ResponseEntity.created(URI.create("/api/v1/sources/" + created.id()))
                .body(json(created));
    }

    static Map<String, Object> json(ItemSource s) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", s.id());
        j.put("kind", s.kind().name());
        j.put("kindLabel", s.kind().label());
        j.put("title", s.title());
        j.put("docNumber", s.docNumber());
        j.put("issuedOn", s.issuedOn());
        j.put("leaderName", s.leaderName());
        j.put("items", s.items());
        return j;
    }

    private static String text(Map<String, Object> body, String name) {
        Object v = body.get(name);
        return v == null ? null : v.toString();
    }

    static List<Map<String, Object>> json(List<ItemSource> list) {
        return list.stream().map(SourceApiController::json).toList();
    }
}
