package org.luoshi.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error that reaches the container: problem+json for the API, a page for people. Also the
 * page behind a refusal at the door (role, or a missing CSRF token).
 */
@Controller
class ErrorPageController implements ErrorController {

    private final MessageSource messages;

    ErrorPageController(MessageSource messages) {
        this.messages = messages;
    }

    @RequestMapping("/error")
    Object error(HttpServletRequest request, Locale locale) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // asked for directly there is no error to show
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 404);
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri == null ? request.getRequestURI() : uri.toString();
        if (path.startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail problem = ProblemDetail.forStatus(status);
            problem.setTitle(messages.getMessage("status." + status.value(), null, status.getReasonPhrase(), locale));
            problem.setDetail(detail(status, locale));
            problem.setInstance(URI.create(path));
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        var page = new ModelAndView("error");
        page.setStatus(status);
        page.addObject("status", status.value());
        return page;
    }

    @RequestMapping("/error/403")
    String forbidden(HttpServletRequest request, Model model) {
        model.addAttribute("csrf", "csrf".equals(request.getAttribute("luoshi.refusal")));
        return "error/403";
    }

    private String detail(HttpStatus status, Locale locale) {
        return switch (status.value()) {
            case 404 -> messages.getMessage("error.404", null, "资源不存在", locale);
            case 405 -> messages.getMessage("error.405", null, "不支持此请求方法", locale);
            case 400 -> messages.getMessage("error.request.unreadable", null, "请求有误", locale);
            default ->
                status.is5xxServerError()
                        ? messages.getMessage("error.generic.detail", null, "系统处理请求时出错", locale)
                        : status.getReasonPhrase();
        };
    }
}
