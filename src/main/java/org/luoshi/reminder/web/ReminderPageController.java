package org.luoshi.reminder.web;

import java.util.List;
import org.luoshi.DomainException;
import org.luoshi.org.UnitQuery;
import org.luoshi.org.UnitScope;
import org.luoshi.reminder.ChannelService;
import org.luoshi.reminder.Level;
import org.luoshi.reminder.ReminderService;
import org.luoshi.scheduling.JobScheduler;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The inbox, a supervisor's sending desk (robots, failed deliveries), and the jobs page. */
@Controller
class ReminderPageController {

    private final ReminderService reminders;
    private final ChannelService channels;
    private final JobScheduler jobs;
    private final AccountQuery accounts;
    private final UnitQuery units;

    ReminderPageController(
            ReminderService reminders,
            ChannelService channels,
            JobScheduler jobs,
            AccountQuery accounts,
            UnitQuery units) {
        this.reminders = reminders;
        this.channels = channels;
        this.jobs = jobs;
        this.accounts = accounts;
        this.units = units;
    }

    @GetMapping("/inbox")
    String inbox(CurrentUser user, @RequestParam(defaultValue = "false") boolean unread, Model model) {
        model.addAttribute("reminders", reminders.inbox(user, unread, 200));
        model.addAttribute("onlyUnread", unread);
        model.addAttribute(
                "email",
                accounts.contacts(List.of(), List.of(user.id())).stream()
                        .findFirst()
                        .map(c -> c.email())
                        .orElse(null));
        return "reminders/inbox";
    }

    @PostMapping("/inbox/read")
    String read(CurrentUser user, @RequestParam(required = false) Long id, @RequestParam(required = false) Long item) {
        reminders.markRead(user, id);
        return item == null ? "redirect:/inbox" : "redirect:/items/" + item;
    }

    @PostMapping("/inbox/email")
    String email(CurrentUser user, @RequestParam(required = false) String email, RedirectAttributes redirect) {
        try {
            accounts.setEmail(user.id(), email);
            redirect.addFlashAttribute(
                    "notice", email == null || email.isBlank() ? "已停止邮件提醒" : "催办将同时发送到 " + email.strip());
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/inbox";
    }

    @PostMapping("/items/{id}/remind")
    String remind(
            CurrentUser user,
            @PathVariable long id,
            @RequestParam(required = false) Level level,
            @RequestParam(required = false) String message,
            RedirectAttributes redirect) {
        try {
            reminders.remind(user, id, level, message);
            redirect.addFlashAttribute("notice", "已催办");
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/items/" + id;
    }

    @GetMapping("/reminders")
    String desk(CurrentUser user, UnitScope scope, @RequestParam(required = false) Long unit, Model model) {
        model.addAttribute("troubled", reminders.troubled(user, 200));
        var options = units.search("", scope, 500);
        model.addAttribute("unitOptions", options);
        Long chosen = unit != null
                ? unit
                : options.isEmpty() ? null : options.getFirst().id();
        model.addAttribute("unit", chosen);
        model.addAttribute("channels", chosen == null ? List.of() : channels.of(user, chosen));
        model.addAttribute("formats", ChannelService.Format.values());
        return "reminders/desk";
    }

    @PostMapping("/reminders/retry/{id}")
    String retry(CurrentUser user, @PathVariable long id, RedirectAttributes redirect) {
        reminders.retry(user, id);
        redirect.addFlashAttribute("notice", "已重新排队发送");
        return "redirect:/reminders";
    }

    @PostMapping("/reminders/channels")
    String addChannel(
            CurrentUser user,
            @RequestParam long unit,
            @RequestParam(required = false) ChannelService.Format format,
            @RequestParam(required = false) String url,
            RedirectAttributes redirect) {
        try {
            channels.add(user, unit, format, url);
            redirect.addFlashAttribute("notice", "已添加催办机器人");
        } catch (DomainException e) {
            if (e.refusesAccess()) {
                throw e;
            }
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/reminders?unit=" + unit;
    }

    @PostMapping("/reminders/channels/{channel}/delete")
    String removeChannel(
            CurrentUser user, @RequestParam long unit, @PathVariable long channel, RedirectAttributes redirect) {
        channels.remove(user, unit, channel);
        redirect.addFlashAttribute("notice", "已删除");
        return "redirect:/reminders?unit=" + unit;
    }

    @GetMapping("/admin/jobs")
    String jobs(Model model) {
        model.addAttribute("jobs", jobs.list());
        return "reminders/jobs";
    }

    @PostMapping("/admin/jobs/{name}/run")
    String run(@PathVariable String name, RedirectAttributes redirect) {
        boolean ran = jobs.runNow(name);
        redirect.addFlashAttribute(ran ? "notice" : "error", ran ? "已运行" : "该任务正在其他节点运行，请稍后再试");
        return "redirect:/admin/jobs";
    }

    @PostMapping("/admin/jobs/{name}/enabled")
    String enable(@PathVariable String name, @RequestParam boolean on, RedirectAttributes redirect) {
        jobs.setEnabled(name, on);
        redirect.addFlashAttribute("notice", on ? "已启用" : "已停用");
        return "redirect:/admin/jobs";
    }
}
