package org.luoshi.reminder.web;

import java.util.HashMap;
import java.util.Map;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemPanel;
import org.luoshi.item.ItemService;
import org.luoshi.reminder.Level;
import org.luoshi.reminder.Reminder;
import org.luoshi.reminder.ReminderService;
import org.luoshi.security.CurrentUser;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** The item page's 催办 card: what was sent, how it went out, and a supervisor's own reminder. */
@Component
@Order(2)
class ReminderPanel implements ItemPanel {

    private final ReminderService reminders;
    private final ItemService items;

    ReminderPanel(ReminderService reminders, ItemService items) {
        this.reminders = reminders;
        this.items = items;
    }

    @Override
    public String template() {
        return "reminders/panel";
    }

    @Override
    public Map<String, Object> model(CurrentUser user, ItemData item) {
        Map<String, Object> m = new HashMap<>();
        var list = reminders.ofItem(user, item.id());
        m.put("reminders", list);
        m.put("deliveries", reminders.deliveries(list.stream().map(Reminder::id).toList()));
        m.put("canRemind", items.supervises(user, item) && item.status().open());
        m.put("levels", Level.values());
        return m;
    }
}
