package org.luoshi.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every refusal at the door: a clear answer to the person (page or problem+json) and a record in
 * the audit trail.
 */
@Component
class Refusals {

    private final ApplicationEventPublisher events;
    private final JsonMapper json;

    Refusals(ApplicationEventPublisher events, JsonMapper json) {
        this.events = events;
        this.json = json;
    }

    void apiUnauthenticated(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String detail = e instanceof LoginRefused ? e.getMessage() : "缺少有效的接口令牌（Authorization: Bearer …）";
        if (!(e instanceof LoginRefused && request.getRequestURI().endsWith("/auth/token"))) {
            // a refused token request is already in the trail as login.failed
            events.publishEvent(new SecurityEvent.AccessDenied(request.getRequestURI(), "未认证：" + detail));
        }
        problem(response, request, 401, "未认证", detail);
    }

    void apiDenied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        events.publishEvent(new SecurityEvent.AccessDenied(request.getRequestURI(), "角色无权访问"));
        problem(response, request, 403, "无权访问", "您的角色无权执行此操作");
    }

    void webDenied(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException, jakarta.servlet.ServletException {
        boolean csrf = e instanceof CsrfException;
        String reason = csrf ? "缺少或无效的安全令牌（CSRF）" : "角色无权访问";
        events.publishEvent(new SecurityEvent.AccessDenied(request.getRequestURI(), reason));
        request.setAttribute("luoshi.refusal", csrf ? "csrf" : "role");
        response.setStatus(403);
        request.getRequestDispatcher("/error/403").forward(request, response);
    }

    void invalidSession(HttpServletRequest request, HttpServletResponse response) throws IOException {
        events.publishEvent(new SecurityEvent.SessionExpired(request.getRequestURI()));
        request.getSession(true); // a fresh session replaces the stale cookie, or every page would redirect again
        if ("true".equals(request.getHeader("HX-Request"))) {
            response.setHeader("HX-Redirect", request.getContextPath() + "/login?expired");
            response.setStatus(204);
            return;
        }
        response.sendRedirect(request.getContextPath() + "/login?expired");
    }

    void problem(HttpServletResponse response, HttpServletRequest request, int status, String title, String detail)
            throws IOException {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(json.writeValueAsString(body));
    }
}
