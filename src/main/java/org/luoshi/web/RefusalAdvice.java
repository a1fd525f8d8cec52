package org.luoshi.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import org.luoshi.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * Domain refusals that a controller did not handle itself: problem+json on the API, an error page
 * elsewhere. Not-found refusals also answer for things outside the caller's scope.
 */
@RestControllerAdvice
class RefusalAdvice {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(RefusalAdvice.class);

    private final MessageSource messages;
    private final ApplicationEventPublisher events;

    RefusalAdvice(MessageSource messages, ApplicationEventPublisher events) {
        this.messages = messages;
        this.events = events;
    }

    @ExceptionHandler(DomainException.class)
    Object refused(DomainException e, HttpServletRequest request, Locale locale) {
        String message = Refusal.message(e, messages, locale);
        HttpStatus status = Refusal.status(e);
        if (e.kind() == DomainException.Kind.NOT_FOUND || e.kind() == DomainException.Kind.FORBIDDEN) {
            events.publishEvent(new RefusedRequest(request.getRequestURI(), message));
        }
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("code", e.code());
        if (e.field() != null) {
            properties.put("field", e.field());
        }
        return answer(status, message, properties, request, locale);
    }

    /** problem+json on the API, the refusal page elsewhere. */
    private Object answer(
            HttpStatus status,
            String message,
            Map<String, Object> properties,
            HttpServletRequest request,
            Locale locale) {
        if (isApi(request)) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
            problem.setTitle(title(status, locale));
            problem.setInstance(URI.create(request.getRequestURI()));
            properties.forEach(problem::setProperty);
            return ResponseEntity.status(status)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(problem);
        }
        var page = new ModelAndView("error/refused");
        page.setStatus(status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        return page;
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> unreadable(Exception e, HttpServletRequest request, Locale locale) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST,
                messages.getMessage("error.request.unreadable", null, "请求内容无法解析，请检查 JSON 格式和各字段的类型", locale));
        problem.setTitle(title(HttpStatus.BAD_REQUEST, locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.badRequest()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** An upload over the configured size never reaches a controller: say so plainly. */
    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    Object tooLarge(Exception e, HttpServletRequest request, Locale locale) {
        String message = messages.getMessage("error.upload.large", null, "文件超过允许的大小上限", locale);
        return answer(HttpStatus.CONTENT_TOO_LARGE, message, Map.of(), request, locale);
    }

    /**
     * PostgreSQL keeps no NUL character in text (SQLSTATE 22021): a value carrying one is refused as
     * the caller's, wherever it came in (found by AttacksIT with a filter of "\u0000").
     */
    @ExceptionHandler(org.springframework.dao.DataIntegrityViolationException.class)
    Object unstorable(RuntimeException e, HttpServletRequest request, Locale locale) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof java.sql.SQLException)) {
            cause = cause.getCause();
        }
        if (!(cause instanceof java.sql.SQLException sql) || !"22021".equals(sql.getSQLState())) {
            return unexpected(e, request, locale);
        }
        String message = messages.getMessage("error.request.nul", null, "输入中含有空字符（U+0000），无法保存或查询，请删去后重试", locale);
        return answer(HttpStatus.BAD_REQUEST, message, Map.of("code", "request.nul"), request, locale);
    }

    /** The API never answers with an HTML page, not even when something breaks. */
    @ExceptionHandler(RuntimeException.class)
    Object unexpected(RuntimeException e, HttpServletRequest request, Locale locale) {
        if (DatabaseOutageFilter.outage(e)) {
            throw e; // answered 503 by DatabaseOutageFilter, the same for every request while it lasts
        }
        if (!isApi(request)
                || e instanceof org.springframework.web.ErrorResponse
                || e instanceof org.springframework.security.core.AuthenticationException
                || e instanceof org.springframework.security.access.AccessDeniedException) {
            throw e; // security refusals go on to the security filters; pages to the error page
        }
        log.error("Unexpected error on {}", request.getRequestURI(), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR,
                messages.getMessage("error.generic.detail", null, "系统处理请求时出错", locale));
        problem.setTitle(messages.getMessage("error.generic", null, "出错了", locale));
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.internalServerError()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private String title(HttpStatus status, Locale locale) {
        return messages.getMessage("status." + status.value(), null, status.getReasonPhrase(), locale);
    }

    static boolean isApi(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }
}
