package org.luoshi.reminder.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.reminder.ChannelService;
import org.luoshi.reminder.Level;
import org.luoshi.reminder.Reminder;
import org.luoshi.reminder.ReminderService;
import org.luoshi.scheduling.JobScheduler;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Inbox, manual reminders, a unit's robots, and the jobs for the system administrator. */
@RestController
class ReminderApiController {

    private final ReminderService reminders;
    private final ChannelService channels;
    private final JobScheduler jobs;
    private final AccountQuery accounts;

    ReminderApiController(
            ReminderService reminders, ChannelService channels, JobScheduler jobs, AccountQuery accounts) {
        this.reminders = reminders;
        this.channels = channels;
        this.jobs = jobs;
        this.accounts = accounts;
    }

    @GetMapping("/api/v1/inbox")
    Map<String, Object> inbox(CurrentUser user, @RequestParam(defaultValue = "false") boolean unread) {
        return Map.of(
                "unread", reminders.unread(user),
                "reminders",
                        reminders.inbox(user, unread, 200).stream()
                                .map(ReminderApiController::json)
                                .toList());
    }

    @PostMapping("/api/v1/inbox/{id}/read")
    Map<String, Object> read(CurrentUser user, @PathVariable long id) {
        reminders.markRead(user, id);
        return Map.of("unread", reminders.unread(user));
    }

    @PutMapping("/api/v1/me/email")
    Map<String, Object> email(CurrentUser user, @RequestBody Map<String, Object> body) {
        Object e = body.get("email");
        accounts.setEmail(user.id(), e == null ? null : e.toString());
        return Map.of("email", e == null ? "" : e.toString().strip());
    }

    @PostMapping("/api/v1/items/{id}/remind")
    ResponseEntity<Map<String, Object>> remind(
            CurrentUser user, @PathVariable long id, @RequestBody Map<String, Object> body) {
        Object level = body.get("level");
        Level l;
        try {
            l = level == null
                    ? Level.NOTICE
                    : Level.valueOf(level.toString().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("reminder.level", "level", "level 须为 NOTICE、YELLOW 或 RED");
        }
        Object message = body.get("message");
        return ResponseEntity.status(201)
                .body(json(reminders.remind(user, id, l, message == null ? null : message.toString())));
    }

    @GetMapping("/api/v1/items/{id}/reminders")
    Map<String, Object> ofItem(CurrentUser user, @PathVariable long id) {
        List<Reminder> list = reminders.ofItem(user, id);
        var deliveries = reminders.deliveries(list.stream().map(Reminder::id).toList());
        return Map.of(
                "reminders",
                list.stream()
                        .map(r -> {
                            Map<String, Object> j = json(r);
                            j.put("deliveries", deliveries.getOrDefault(r.id(), List.of()));
                            return j;
                        })
                        .toList());
    }

    /** Deliveries that failed or wait for a retry, of items the caller may see. */
    @GetMapping("/api/v1/deliveries/troubled")
    Map<String, Object> troubled(CurrentUser user) {
        return Map.of("deliveries", reminders.troubled(user, 200));
    }

    @PostMapping("/api/v1/deliveries/{id}/retry")
    Map<String, Object> retry(CurrentUser user, @PathVariable long id) {
        reminders.retry(user, id);
        return Map.of("id", id, "status", "PENDING");
    }

    @GetMapping("/api/v1/units/{id}/channels")
    Map<String, Object> channels(CurrentUser user, @PathVariable long id) {
        return Map.of("channels", channels.of(user, id));
    }

    @PostMapping("/api/v1/units/{id}/channels")
    ResponseEntity<ChannelService.Channel> addChannel(
            CurrentUser user, @PathVariable long id, @RequestBody Map<String, Object> body) {
        Object format = body.get("format");
        ChannelService.Format f;
        try {
            f = format == null
                    ? null
                    : ChannelService.Format.valueOf(format.toString().strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            f = null;
        }
        Object url = body.get("url");
        return ResponseEntity.status(201).body(channels.add(user, id, f, url == null ? null : url.toString()));
    }

    @DeleteMapping("/api/v1/units/{id}/channels/{channel}")
    ResponseEntity<Void> removeChannel(CurrentUser user, @PathVariable long id, @PathVariable long channel) {
        channels.remove(user, id, channel);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/jobs")
    Map<String, Object> jobs(CurrentUser user) {
        requireSystemAdmin(user);
        return Map.of("jobs", jobs.list());
    }

    @PostMapping("/api/v1/jobs/{name}/run")
    Map<String, Object> run(CurrentUser user, @PathVariable String name) {
        requireSystemAdmin(user);
        boolean ran = jobs.runNow(name);
        return Map.of("ran", ran, "jobs", jobs.list());
    }

    static void requireSystemAdmin(CurrentUser user) {
        if (!user.has(Role.SYSTEM_ADMIN)) {
            throw DomainException.forbidden("jobs.notAllowed", "只有系统管理员可以查看和运行定时任务");
        }
    }

    static Map<String, Object> json(Reminder r) {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("id", r.id());
        j.put("itemId", r.itemId());
        j.put("cause", r.cause().name());
        j.put("level", r.level().name());
        j.put("subject", r.subject());
        j.put("message", r.message());
        j.put("createdAt", r.createdAt());
        j.put("createdBy", r.createdBy());
        j.put("read", r.read());
        return j;
    }
}
