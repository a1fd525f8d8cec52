package org.luoshi.security.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class LoginController {

    @GetMapping("/login")
    String login(HttpServletRequest request, Model model) {
        var session = request.getSession(false);
        if (session != null && request.getParameter("error") != null) {
            model.addAttribute("error", session.getAttribute("luoshi.login.error"));
            model.addAttribute("username", session.getAttribute("luoshi.login.username"));
        }
        return "login";
    }
}
