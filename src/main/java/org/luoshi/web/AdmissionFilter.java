package org.luoshi.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a bounded number of requests work at once and queues the rest first come, first served. With
 * requests on virtual threads, a month-end surge would otherwise all wait inside the connection
 * pool, whose hand-over is not fair: some requests starve past its timeout while others pass. A
 * request that waits longer than {@code luoshi.http.queue-timeout} gets 503 with Retry-After.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class AdmissionFilter extends OncePerRequestFilter {

    private final Semaphore permits;
    private final long waitMillis;

    AdmissionFilter(
            @Value("${luoshi.http.max-concurrent:16}") int maxConcurrent,
            @Value("${luoshi.http.queue-timeout:60s}") java.time.Duration wait) {
        this.permits = new Semaphore(maxConcurrent, true);
        this.waitMillis = wait.toMillis();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        // health probes must answer while the queue is long; static files touch no database
        return path.startsWith("/actuator/")
                || path.startsWith("/css/")
                || path.startsWith("/js/")
                || path.startsWith("/img/")
                || path.startsWith("/webjars/")
                || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admitted;
        try {
            admitted = permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setHeader("Retry-After", "30");
            response.setContentType("application/problem+json;charset=UTF-8");
            response.getWriter()
                    .write("{\"title\":\"服务繁忙\",\"status\":503,\"code\":\"busy\"," + "\"detail\":\"当前请求较多，请稍后重试\"}");
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            permits.release();
        }
    }
}
