package org.luoshi.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.luoshi.reminder.ReminderService;
import org.luoshi.security.CurrentUser;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;

/** Puts the signed-in user into every page's model for the header and the menu. */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LayoutAdvice {

    @ModelAttribute("me")
    CurrentUser me() {
        return current();
    }

    static CurrentUser current() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof CurrentUser user ? user : null;
    }

    /**
     * Unread reminders for the count in the header, only when a page is rendered: an answer in JSON
     * has no header, and counting for each API call was a query in every request of the month-end
     * surge.
     */
    static final class UnreadCount implements HandlerInterceptor {

        private final ReminderService reminders;

        UnreadCount(ReminderService reminders) {
            this.reminders = reminders;
        }

        @Override
        public void postHandle(
                HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
            if (page == null || !page.hasView() || page.getModel().containsKey("unread")) {
                return;
            }
            String view = page.getViewName();
            if (view != null && (view.startsWith("redirect:") || view.startsWith("forward:"))) {
                return;
            }
            CurrentUser user = current();
            if (user != null && !user.isAdministrator()) {
                page.addObject("unread", reminders.unread(user));
            }
        }
    }
}
