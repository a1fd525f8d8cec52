package org.luoshi.org.web;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.org.UnitCommand;
import org.luoshi.org.UnitKind;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.org.UnitService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/units")
class UnitApiController {

    private static final int LIMIT = 500;

    private final UnitService service;
    private final UnitQuery query;

    UnitApiController(UnitService service, UnitQuery query) {
        this.service = service;
        this.query = query;
    }

    /** The system administrator's search over the whole tree. */
    @GetMapping
    Map<String, List<UnitJson>> search(@RequestParam(required = false) String q, UnitScope scope) {
        return Map.of(
                "units",
                query.search(q, scope, LIMIT).stream().map(UnitJson::of).toList());
    }

    /** Any business user reads a unit within his scope; outside it the unit does not exist. */
    @GetMapping("/{id}")
    UnitJson get(@PathVariable long id, UnitScope scope) {
        return UnitJson.of(query.get(id, scope));
    }

    @PostMapping
    ResponseEntity<UnitJson> create(@RequestBody UnitRequest request) {
        var unit = service.create(new UnitCommand(
                request.name(),
                request.shortName(),
                request.code(),
                kind(request.kind()),
                request.parentId(),
                request.sortOrder()));
        return ResponseEntity.created(URI.create("/api/v1/units/" + unit.id())).body(UnitJson.of(unit));
    }

    record UnitRequest(String name, String shortName, String code, String kind, Long parentId, Integer sortOrder) {}

    static UnitKind kind(String value) {
        if (value == null || value.isBlank()) {
            throw DomainException.invalid("unit.kind.required", "kind", "请选择单位类别");
        }
        try {
            return UnitKind.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(
                    "unit.kind.unknown",
                    "kind",
                    "未知的单位类别“{0}”，可选：{1}",
                    value,
                    java.util.Arrays.toString(UnitKind.values()));
        }
    }
}
