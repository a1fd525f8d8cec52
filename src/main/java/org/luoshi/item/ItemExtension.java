package org.luoshi.item;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.luoshi.security.CurrentUser;

/**
 * How the parts above items (progress, and later others) keep their own data on an item without the
 * item module knowing them: they hear of a registration, an edit and a decomposition inside its
 * transaction, and add their fields to an item's JSON.
 */
public interface ItemExtension {

    /** After an item is registered or its draft edited, with the request's fields; may refuse. */
    default void saved(CurrentUser user, ItemData item, Map<String, Object> fields, boolean created) {}

    /**
     * After many items are registered at once (a ledger import), with each one's fields; a refusal
     * names the item's place in the list ({@link ItemService.Refused}).
     */
    default void savedAll(CurrentUser user, List<ItemData> items, List<Map<String, Object>> fields) {
        for (int i = 0; i < items.size(); i++) {
            try {
                saved(user, items.get(i), fields.get(i), true);
            } catch (org.luoshi.DomainException e) {
                throw new ItemService.Refused(i, e);
            }
        }
    }

    /** After a decomposition, with the children created. */
    default void decomposed(ItemData parent, List<ItemData> children) {}

    /** Extra fields of each item's JSON, by item id. */
    default Map<Long, Map<String, Object>> describe(Collection<ItemData> items) {
        return Map.of();
    }
}
