package org.luoshi.item;

import org.luoshi.DomainException;

/** The two ways an action is refused: the wrong moment (409) or the wrong person (403). */
final class ItemRefusals {

    private ItemRefusals() {}

    static DomainException wrongState(ItemStatus current, String action) {
        return DomainException.conflict("item.state", "事项当前状态为「{0}」，不能{1}", current.label(), action);
    }

    static DomainException notAllowed(String action, String who) {
        return DomainException.forbidden("item.actor", "只有{0}可以{1}", who, action);
    }

    static DomainException reasonRequired(String what) {
        return DomainException.invalid("item.reason", "reason", "请填写{0}", what);
    }
}
