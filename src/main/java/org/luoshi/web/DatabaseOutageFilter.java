package org.luoshi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While the database is away every request fails at once with 503 and Retry-After, a page that
 * needs nothing from the database to render, instead of a 500 or a wait: the connection pool gives
 * up after its timeout and reconnects by itself when the database is back. Outermost of all, so
 * that the session and token lookups, which run before any controller, are answered the same way.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseOutageFilter extends OncePerRequestFilter {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DatabaseOutageFilter.class);
    static final int RETRY_AFTER_SECONDS = 10;

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>系统暂时不可用 · 落实</title></head>
            <body style="font-family: sans-serif; max-width: 40em; margin: 4em auto; line-height: 1.6">
            <h1>系统暂时不可用</h1>
            <p>数据库暂时无法连接，您的这次操作没有保存。请 %d 秒后刷新页面重试；如持续出现，请联系系统管理员。</p>
            <p lang="en">The database cannot be reached right now; nothing of this request was saved. Try again in %d seconds.</p>
            </body></html>
            """.formatted(RETRY_AFTER_SECONDS, RETRY_AFTER_SECONDS);

    /** Once the database was found away, requests for the next moments are answered without asking it again. */
    private static final long SETTLE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(2);

    private volatile long awayUntil = System.nanoTime() - 1;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        // the health probe reports the outage in its own words
        return request.getRequestURI().startsWith(request.getContextPath() + "/actuator/health");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (System.nanoTime() - awayUntil < 0) {
            refuse(request, response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (!outage(e) || response.isCommitted()) {
                throw e;
            }
            awayUntil = System.nanoTime() + SETTLE_NANOS;
            log.warn("数据库不可用，{} {} 答以 503：{}", request.getMethod(), request.getRequestURI(), rootMessage(e));
            refuse(request, response);
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.reset();
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            response.setContentType("application/problem+json");
            response.getWriter()
                    .write("{\"type\":\"about:blank\",\"title\":\"服务暂时不可用\",\"status\":503,"
                            + "\"detail\":\"数据库暂时无法连接，本次请求没有保存，请 " + RETRY_AFTER_SECONDS
                            + " 秒后重试\",\"code\":\"database.unavailable\"}");
        } else {
            response.setContentType("text/html");
            response.getWriter().write(PAGE);
        }
    }

    /** The pool could not hand out a connection, or the one it had was cut (SQLSTATE 08…, 57P…). */
    static boolean outage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof SQLTransientConnectionException) {
                return true;
            }
            // a rollback on a cut connection hides the first failure behind its own
            if (t instanceof org.springframework.transaction.TransactionSystemException tx
                    && tx.getApplicationException() != null
                    && outage(tx.getApplicationException())) {
                return true;
            }
            if (t instanceof SQLException sql && "Connection is closed".equals(sql.getMessage())) {
                return true; // the pool's word for a connection the server cut
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
