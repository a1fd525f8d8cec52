package org.luoshi.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP session against the pages, as a browser without JavaScript: forms carry the
 * CSRF token of the last page seen unless a test leaves it out on purpose.
 */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");
    private static final Pattern CSRF_INPUT = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String csrf;

    Browser(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public record Page(int status, String location, String body) {
        public boolean redirectsTo(String path) {
            return location != null && location.endsWith(path);
        }
    }

    /** Signs in through the login form and follows the redirect it answers with. */
    public Page login(String username, String password) {
        get("/login");
        return postForm("/login", Map.of("username", username, "password", password));
    }

    public Page get(String path) {
        Page page = send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
        remember(page.body());
        return page;
    }

    /** Follows redirects within the site, up to five. */
    public Page follow(Page page) {
        Page current = page;
        for (int i = 0; i < 5 && current.location() != null; i++) {
            String loc = current.location();
            current = get(loc.startsWith("http") ? loc.substring(base.length()) : loc);
        }
        return current;
    }

    public Page postForm(String path, Map<String, String> fields) {
        Map<String, String> withToken = new LinkedHashMap<>(fields);
        if (csrf != null) {
            withToken.putIfAbsent("_csrf", csrf);
        }
        return postRaw(path, withToken);
    }

    /** Posts exactly these fields: no CSRF token is added. */
    public Page postRaw(String path, Map<String, String> fields) {
        String form = fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        Page page = send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
        remember(page.body());
        return page;
    }

    public String sessionCookie() {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals("SESSION"))
                .map(java.net.HttpCookie::getValue)
                .findFirst()
                .orElse(null);
    }

    private void remember(String body) {
        Matcher m = CSRF.matcher(body);
        if (m.find()) {
            csrf = m.group(1);
            return;
        }
        Matcher input = CSRF_INPUT.matcher(body);
        if (input.find()) {
            csrf = input.group(1);
        }
    }

    private Page send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
