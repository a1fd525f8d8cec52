package org.luoshi.org;

import java.util.Objects;
import java.util.regex.Pattern;
import org.luoshi.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Maintains the unit tree: the system administrator's work. */
@Service
public class UnitService {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}");

    private final UnitRepository units;
    private final ApplicationEventPublisher events;

    UnitService(UnitRepository units, ApplicationEventPublisher events) {
        this.units = units;
        this.events = events;
    }

    @Transactional
    public Unit create(UnitCommand command) {
        UnitCommand c = normalise(command);
        validate(c, null);
        if (c.kind() == null) {
            throw DomainException.invalid("unit.kind.required", "kind", "请选择单位类别");
        }
        UnitPath path;
        long id = units.nextId();
        if (c.parentId() == null) {
            path = UnitPath.root(id);
        } else {
            Unit parent = units.find(c.parentId())
                    .orElseThrow(() -> DomainException.invalid("unit.parent.unknown", "parentId", "上级单位不存在"));
            requireChildKind(parent, c.kind());
            if (!parent.enabled()) {
                throw DomainException.invalid("unit.parent.disabled", "parentId", "上级单位已停用，不能在其下新建单位");
            }
            path = parent.path().child(id);
        }
        units.insert(id, c, path, currentUser());
        Unit created = units.find(id).orElseThrow();
        events.publishEvent(new UnitEvent.Created(created));
        return created;
    }

    /** Edits name, code and order; moves the unit when the parent changes. */
    @Transactional
    public Unit update(long id, int version, UnitCommand command) {
        UnitCommand c = normalise(command);
        Unit before = units.find(id).orElseThrow(UnitService::notFound);
        validate(c, id);
        if (c.kind() != null && c.kind() != before.kind()) {
            throw DomainException.invalid("unit.kind.fixed", "kind", "单位类别建立后不可更改，请新建单位");
        }
        if (!units.update(id, version, c)) {
            throw staleEdit();
        }
        if (!Objects.equals(c.parentId(), before.parentId())) {
            moveUnder(before, c.parentId());
        }
        Unit after = units.find(id).orElseThrow();
        events.publishEvent(new UnitEvent.Updated(before, after));
        return after;
    }

    @Transactional
    public Unit setEnabled(long id, int version, boolean enabled) {
        Unit unit = units.find(id).orElseThrow(UnitService::notFound);
        if (!units.setEnabled(id, version, enabled)) {
            throw staleEdit();
        }
        Unit after = units.find(id).orElseThrow();
        events.publishEvent(new UnitEvent.Disabled(after, enabled));
        return after;
    }

    private void moveUnder(Unit unit, Long newParentId) {
        UnitPath target;
        if (newParentId == null) {
            target = UnitPath.root(unit.id());
        } else {
            Unit parent = units.find(newParentId)
                    .orElseThrow(() -> DomainException.invalid("unit.parent.unknown", "parentId", "上级单位不存在"));
            if (unit.path().contains(parent.path())) {
                throw DomainException.invalid("unit.parent.cycle", "parentId", "不能把单位移到它自己或其下级单位之下");
            }
            requireChildKind(parent, unit.kind());
            target = parent.path().child(unit.id());
        }
        units.move(unit.path(), target, newParentId, unit.id());
    }

    private void validate(UnitCommand c, Long exceptId) {
        if (c.name() == null || c.name().isEmpty()) {
            throw DomainException.invalid("unit.name.required", "name", "请填写单位名称");
        }
        if (c.name().length() > 100) {
            throw DomainException.invalid("unit.name.long", "name", "单位名称不能超过100个字");
        }
        if (c.shortName() != null && c.shortName().length() > 50) {
            throw DomainException.invalid("unit.shortName.long", "shortName", "单位简称不能超过50个字");
        }
        if (c.code() == null || !CODE.matcher(c.code()).matches()) {
            throw DomainException.invalid("unit.code.format", "code", "单位编码须为1至32位字母、数字、点、横线或下划线，且以字母或数字开头");
        }
        if (units.codeTaken(c.code(), exceptId)) {
            throw DomainException.invalid("unit.code.taken", "code", "单位编码“{0}”已被使用", c.code());
        }
        if (units.siblingNameTaken(c.parentId(), c.name(), exceptId)) {
            throw DomainException.invalid("unit.name.taken", "name", "同一上级单位下已有名为“{0}”的单位", c.name());
        }
    }

    private static void requireChildKind(Unit parent, UnitKind kind) {
        if (!parent.kind().allowsChild(kind)) {
            throw DomainException.invalid(
                    "unit.kind.notAllowed",
                    "kind",
                    "“{0}”之下不能设立“{1}”类单位",
                    parent.kind().label(),
                    kind.label());
        }
    }

    private static UnitCommand normalise(UnitCommand c) {
        return new UnitCommand(
                strip(c.name()), strip(c.shortName()), strip(c.code()), c.kind(), c.parentId(), c.sortOrder());
    }

    private static String strip(String s) {
        if (s == null) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    private static String currentUser() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }

    static DomainException notFound() {
        return DomainException.notFound("unit.notFound", "单位不存在或不在您的数据范围内");
    }

    private static DomainException staleEdit() {
        return DomainException.conflict("unit.stale", "该单位已被他人修改，请刷新后重试，您的修改未保存");
    }
}
