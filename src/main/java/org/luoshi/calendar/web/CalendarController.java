package org.luoshi.calendar.web;

import java.time.LocalDate;
import java.time.Year;
import java.util.Map;
import org.luoshi.DomainException;
import org.luoshi.calendar.CalendarService;
import org.luoshi.calendar.DayKind;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** 工作日历: the system administrator enters each year's arrangement; anyone may compute with it. */
@Controller
class CalendarController {

    private final CalendarService calendar;

    CalendarController(CalendarService calendar) {
        this.calendar = calendar;
    }

    @GetMapping("/admin/calendar")
    String year(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? Year.now().getValue() : year;
        model.addAttribute("year", y);
        model.addAttribute("days", calendar.year(y));
        model.addAttribute("years", calendar.knownYears());
        model.addAttribute("known", calendar.workingDays().knows(y));
        model.addAttribute("kinds", DayKind.values());
        return "admin/calendar";
    }

    @PostMapping("/admin/calendar")
    String set(
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate first,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate last,
            @RequestParam(required = false) DayKind kind,
            @RequestParam(required = false) String name,
            RedirectAttributes redirect) {
        try {
            calendar.set(first, last, kind, name);
            redirect.addFlashAttribute("notice", "已保存");
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/admin/calendar?year=" + (first == null ? Year.now().getValue() : first.getYear());
    }

    @PostMapping("/admin/calendar/{day}/clear")
    String clear(
            @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate day, RedirectAttributes redirect) {
        calendar.clear(day);
        redirect.addFlashAttribute("notice", "已删除 " + day);
        return "redirect:/admin/calendar?year=" + day.getYear();
    }

    /** "N个工作日" from a date: {@code GET /api/v1/calendar/working-days?from=2026-02-12&days=3}. */
    @GetMapping("/api/v1/calendar/working-days")
    @ResponseBody
    Map<String, Object> plus(
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from, @RequestParam int days) {
        if (days < 0 || days > 2_000) {
            throw DomainException.invalid("calendar.days", "days", "工作日数须在0至2000之间");
        }
        var working = calendar.workingDays();
        return Map.of(
                "from", from.toString(),
                "days", days,
                "date", working.plus(from, days).toString(),
                "calendarKnown", working.knows(from.getYear()));
    }

    @GetMapping("/api/v1/calendar/{year}")
    @ResponseBody
    Map<String, Object> list(@PathVariable int year) {
        return Map.of("year", year, "known", calendar.workingDays().knows(year), "days", calendar.year(year));
    }
}
