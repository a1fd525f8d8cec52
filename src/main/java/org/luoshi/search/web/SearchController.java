package org.luoshi.search.web;

import java.util.List;
import java.util.Map;
import org.luoshi.search.SearchService;
import org.luoshi.security.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The search box's answers: {@code /search?q=} as a page, {@code /api/v1/search?q=} as JSON. */
@Controller
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping("/api/v1/search")
    @ResponseBody
    Map<String, Object> api(CurrentUser user, @RequestParam(required = false) String q) {
        List<SearchService.Hit> hits = search.search(user, q);
        return Map.of("q", q == null ? "" : q, "hits", hits);
    }

    @GetMapping("/search")
    String page(CurrentUser user, @RequestParam(required = false) String q, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("hits", search.search(user, q));
        return "search/page";
    }
}
