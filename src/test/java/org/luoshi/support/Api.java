package org.luoshi.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for /api/v1 as an integration would use it. */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();

    private final String clientAddress;

    Api(String base) {
        this(base, null);
    }

    /** A client of a running server, for tools outside the tests (bench/run). */
    public static Api at(String base) {
        return new Api(base);
    }

    private Api(String base, String clientAddress) {
        this.base = base;
        this.clientAddress = clientAddress;
    }

    /** The same client as if it stood behind a proxy at {@code address} (X-Forwarded-For). */
    public Api from(String address) {
        return new Api(base, address);
    }

    /** A form post the way a browser sends one, fields URL-encoded. */
    public Response form(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)),
                null);
    }

    public record Response(int status, String contentType, JsonNode json, String body) {}

    public String token(String username, String password) {
        Response r = post("/api/v1/auth/token", null, Map.of("username", username, "password", password));
        if (r.status() != 200) {
            throw new AssertionError("token for " + username + " refused: " + r.status() + " " + r.body());
        }
        return r.json().get("token").asString();
    }

    public Response get(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    public Response post(String path, String token, Object body) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                token);
    }

    public Response postRaw(String path, String token, String rawBody) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(rawBody)),
                token);
    }

    public Response put(String path, String token, Object body) {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))),
                token);
    }

    /** One file as the form part {@code file}, the way a browser or an integration sends it. */
    public Response upload(String path, String token, String name, byte[] data) {
        String boundary = "----luoshi" + System.nanoTime();
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body(boundary, "file", name, data))),
                token);
    }

    private static byte[] body(String boundary, String field, String name, byte[] data) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                        + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(data);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    /** A multipart upload to any URL, for processes outside the test's own server. */
    public static <T> HttpResponse<T> multipart(
            String url, String token, String field, String name, byte[] data, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        String boundary = "----luoshi" + System.nanoTime();
        return java.net.http.HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body(boundary, field, name, data)))
                                .build(),
                        handler);
    }

    public byte[] bytes(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new AssertionError(path + " answered " + r.statusCode());
            }
            return r.body();
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public Response delete(String path, String token) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE(), token);
    }

    private Response send(HttpRequest.Builder builder, String token) {
        if (clientAddress != null) {
            builder.header("X-Forwarded-For", clientAddress);
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("");
            JsonNode json = type.contains("json") && !r.body().isEmpty() ? JSON.readTree(r.body()) : null;
            return new Response(r.statusCode(), type, json, r.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
