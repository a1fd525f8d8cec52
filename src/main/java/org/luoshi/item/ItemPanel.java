package org.luoshi.item;

import java.util.Map;
import org.luoshi.security.CurrentUser;

/** A card that a part above items adds to the item page: its template fragment and what it shows. */
public interface ItemPanel {

    /** The template holding a fragment named {@code panel}, e.g. {@code "progress/panel"}. */
    String template();

    /** The panel's model, read by the fragment as {@code m}. */
    Map<String, Object> model(CurrentUser user, ItemData item);
}
