package org.luoshi.web;

import org.luoshi.security.CurrentUser;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in user into every page's model for the header and the menu. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutAdvice {

    private final org.luoshi.reminder.ReminderService reminders;

    LayoutAdvice(org.luoshi.reminder.ReminderService reminders) {
        this.reminders = reminders;
    }

    /** Unread reminders, for the count in the header. */
    @ModelAttribute("unread")
    Integer unread() {
        CurrentUser user = me();
        return user == null || user.isAdministrator() ? null : reminders.unread(user);
    }

    @ModelAttribute("me")
    CurrentUser me() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CurrentUser user ? user : null;
    }
}
