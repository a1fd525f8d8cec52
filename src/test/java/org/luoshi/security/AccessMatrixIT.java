package org.luoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.server.PathContainer;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every route × every role × own / subordinate / unrelated object, and nobody signed in, against the
 * table in {@code security/access-matrix.tsv}. A refusal of something out of scope must read exactly
 * like the answer for an id that does not exist.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT extends IntegrationTest {

    private static final String TABLE = "/security/access-matrix.tsv";
    private static final List<String> COLUMNS = List.of(
            "anon", "SUPERVISOR", "LEADER", "LIAISON", "UNIT_HEAD", "SYSTEM_ADMIN", "SECURITY_ADMIN", "AUDIT_ADMIN");
    private static final Map<String, String> USERNAMES = Map.of(
            "SUPERVISOR", "lj.supervisor",
            "LEADER", "matrix.leader",
            "LIAISON", "liaison",
            "UNIT_HEAD", "unithead",
            "SYSTEM_ADMIN", "sysadmin",
            "SECURITY_ADMIN", "secadmin",
            "AUDIT_ADMIN", "auditor");
    /** Ids no table row will ever hold: an unrelated object must be refused exactly as one of these. */
    private static final String GHOST = "987654321987";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"");
    private static final byte[] PDF =
            "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    enum Relation {
        OWN("SF-LJ", "liaison", "lj.supervisor"),
        SUB("SF-LJ-JB", "townliaison", "supervisor"),
        UNRELATED("SF-QS", "qs.liaison", "qs.supervisor");

        final String unit;
        final String liaison;
        final String supervisor;

        Relation(String unit, String liaison, String supervisor) {
            this.unit = unit;
            this.liaison = liaison;
            this.supervisor = supervisor;
        }
    }

    /** A row may end with the body to send: JSON for the API, form fields for pages. */
    record Row(int line, String method, String path, List<String> cells, String body) {
        boolean api() {
            return path.startsWith("/api/");
        }

        String bare() {
            int q = path.indexOf('?');
            return q < 0 ? path : path.substring(0, q);
        }
    }

    record Answer(int status, String location, String body) {
        /** The table's word for this answer. */
        String word(boolean api) {
            if (status >= 500) {
                return "error " + status;
            }
            if (status == 401 && api) {
                return "in";
            }
            if (status == 302 && location != null && location.contains("/login")) {
                return "in";
            }
            return switch (status) {
                case 401 -> "unexpected 401";
                case 403 -> "no";
                case 404 -> "nf";
                default -> "ok";
            };
        }
    }

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private final Map<String, Caller> callers = new LinkedHashMap<>();
    private final Map<String, Map<Relation, String>> fixtures = new HashMap<>();
    private final Map<String, BiFunction<Caller, Relation, String>> perCaller = new HashMap<>();
    private Api api;

    @Test
    void everyRouteHasARowAndEveryRowARoute() {
        List<Row> rows = rows();
        Set<String> missing = new TreeSet<>();
        Map<RequestMappingInfo, HandlerMethod> handlers = mappings.getHandlerMethods();
        List<String[]> routes = new ArrayList<>();
        handlers.forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().startsWith("org.luoshi")) {
                return;
            }
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(m -> methods.add(m.name()));
            if (methods.isEmpty()) {
                methods.add("GET"); // a mapping for every method: at least its GET has a row
            }
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                for (String method : methods) {
                    routes.add(new String[] {method, pattern.getPatternString()});
                    boolean covered = rows.stream()
                            .anyMatch(r -> r.method().equals(method) && pattern.matches(concrete(r.bare())));
                    if (!covered) {
                        missing.add(method + " " + pattern.getPatternString() + "  ("
                                + handler.getBeanType().getSimpleName() + "."
                                + handler.getMethod().getName() + ")");
                    }
                }
            }
        });
        assertThat(missing)
                .as("routes without a row in " + TABLE + ": write down who may use them")
                .isEmpty();

        List<String> stale = rows.stream()
                .filter(r -> !r.bare().startsWith("/actuator/") && !r.bare().startsWith("/swagger-ui/"))
                .filter(r -> !r.bare().equals("/v3/api-docs"))
                .filter(r -> routes.stream()
                        .noneMatch(route -> route[0].equals(r.method())
                                && mappings.getPatternParser().parse(route[1]).matches(concrete(r.bare()))))
                .map(r -> "line " + r.line() + ": " + r.method() + " " + r.path())
                .toList();
        assertThat(stale).as("rows of " + TABLE + " that no route serves").isEmpty();
        assertThat(rows).hasSizeGreaterThan(150);
    }

    @Test
    void everyCallerGetsTheAnswerTheTableGives() {
        List<Row> rows = new ArrayList<>(rows());
        // reads first, then changes, deletions last: a deletion allowed early would empty later rows
        rows.sort(Comparator.comparingInt(r -> switch (r.method()) {
            case "GET" -> 0;
            case "DELETE" -> 2;
            default -> 1;
        }));
        List<String> wrong = new ArrayList<>();
        int asked = 0;
        for (Row row : rows) {
            boolean relational = PLACEHOLDER.matcher(row.path()).find();
            for (int c = 0; c < COLUMNS.size(); c++) {
                Caller caller = callers.get(COLUMNS.get(c));
                String[] expected = row.cells().get(c).split("/");
                assertThat(expected.length == 1 || (expected.length == 3 && relational))
                        .as("line %d: a/b/c answers need an object in the path", row.line())
                        .isTrue();
                for (Relation rel : relational ? List.of(Relation.values()) : List.of(Relation.OWN)) {
                    String want = expected.length == 1 ? expected[0] : expected[rel.ordinal()];
                    String path = resolve(row.path(), caller, rel);
                    String body = row.body() == null ? null : resolve(row.body(), caller, rel);
                    if (path == null) {
                        continue; // no such object for this caller (an administrator's own export)
                    }
                    asked++;
                    Answer answer = caller.send(row.method(), path, row.api(), body);
                    String got = answer.word(row.api());
                    String who = "line " + row.line() + " " + COLUMNS.get(c) + (relational ? " " + rel : "") + ": "
                            + row.method() + " " + path;
                    if (!got.equals(want)) {
                        wrong.add(who + " wanted " + want + ", got " + got + " (" + answer.status() + " "
                                + abbreviate(answer.location() != null ? answer.location() : answer.body()) + ")");
                    } else if (want.equals("nf") && relational) {
                        String ghostPath = ghost(row.path(), caller, rel);
                        Answer ghost = caller.send(row.method(), ghostPath, row.api(), body);
                        if (ghost.status() != answer.status()
                                || !normal(ghost.body(), ghostPath).equals(normal(answer.body(), path))) {
                            wrong.add(who + " is refused differently from a missing id: " + ghost.status() + " "
                                    + abbreviate(normal(ghost.body(), ghostPath)) + " vs " + answer.status() + " "
                                    + abbreviate(normal(answer.body(), path)));
                        }
                    }
                }
            }
        }
        System.out.printf(
                "access matrix: %d rows, %d requests (and a missing id beside each refusal as not found)%n",
                rows.size(), asked);
        assertThat(wrong).as("answers that differ from " + TABLE).isEmpty();
        assertThat(asked).isGreaterThan(1000);
    }

    @Test
    void everyChangeMadeThroughAPageNeedsItsFormToken() {
        List<String> accepted = new ArrayList<>();
        int tried = 0;
        for (Row row : rows()) {
            if (row.api() || row.method().equals("GET") || row.path().startsWith("/public/")) {
                continue;
            }
            // whoever may make the change, signed in, with everything but the token
            for (int c = 1; c < COLUMNS.size(); c++) {
                if (!row.cells().get(c).startsWith("ok")) {
                    continue;
                }
                Caller caller = callers.get(COLUMNS.get(c));
                String path = resolve(row.path(), caller, Relation.OWN);
                if (path == null) {
                    continue;
                }
                String body = row.body() == null ? "" : resolve(row.body(), caller, Relation.OWN);
                Answer answer = caller.exchange(row.method(), path, false, body);
                tried++;
                if (answer.status() != 403 || !answer.body().contains("安全令牌")) {
                    accepted.add("line " + row.line() + " " + COLUMNS.get(c) + ": " + row.method() + " " + path
                            + " answered " + answer.status());
                }
                break;
            }
        }
        assertThat(accepted).as("changes accepted without the form token").isEmpty();
        assertThat(tried).isGreaterThan(40);
    }

    // --- the table

    private List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream(TABLE)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\s+");
                assertThat(f.length)
                        .as("line %d has a method, a path, %d answers and perhaps a body", i + 1, COLUMNS.size())
                        .isBetween(2 + COLUMNS.size(), 3 + COLUMNS.size());
                for (int c = 2; c < 2 + COLUMNS.size(); c++) {
                    assertThat(f[c]).as("line %d", i + 1).matches("(ok|no|nf|in)(/(ok|no|nf|in)/(ok|no|nf|in))?");
                }
                rows.add(new Row(
                        i + 1,
                        f[0],
                        f[1],
                        List.of(f).subList(2, 2 + COLUMNS.size()),
                        f.length > 2 + COLUMNS.size() ? f[f.length - 1] : null));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    private static PathContainer concrete(String path) {
        return PathContainer.parsePath(PLACEHOLDER.matcher(path).replaceAll("1"));
    }

    private String resolve(String template, Caller caller, Relation rel) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = fixture(m.group(1), caller, rel);
            if (value == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The same request with every object id of the path replaced by one that does not exist. */
    private String ghost(String template, Caller caller, Relation rel) {
        String path = template;
        int q = path.indexOf('?');
        String query = q < 0 ? "" : path.substring(q);
        String bare = q < 0 ? path : path.substring(0, q);
        // an object named in the query (?unit=) is the one refused; in the path, the last one
        if (query.contains("{")) {
            return resolve(bare, caller, rel) + PLACEHOLDER.matcher(query).replaceAll(GHOST);
        }
        int last = bare.lastIndexOf('{');
        String head = resolve(bare.substring(0, last), caller, rel);
        return head + PLACEHOLDER.matcher(bare.substring(last)).replaceFirst(GHOST) + query;
    }

    private String fixture(String name, Caller caller, Relation rel) {
        BiFunction<Caller, Relation, String> fresh = perCaller.get(name);
        if (fresh != null) {
            return fresh.apply(caller, rel);
        }
        Map<Relation, String> ids = fixtures.get(name);
        assertThat(ids).as("fixture {%s}", name).isNotNull();
        return ids.get(rel);
    }

    /** A refusal page or problem names the path it refused and carries a one-time form token. */
    private static String normal(String body, String path) {
        String b = body.replace(path, "PATH");
        int q = path.indexOf('?');
        if (q > 0) {
            b = b.replace(path.substring(0, q), "PATH");
        }
        return CSRF.matcher(b).replaceAll("name=\"_csrf\" value=\"\"");
    }

    private static String abbreviate(String s) {
        String one = s == null ? "" : s.replaceAll("\\s+", " ");
        int title = one.indexOf("<title>");
        if (title >= 0) {
            one = one.substring(title);
        }
        return one.length() > 160 ? one.substring(0, 160) + "…" : one;
    }

    // --- callers and fixtures

    @BeforeAll
    void callersAndObjects() {
        api = api();
        String sysadmin = api.token("sysadmin", DEMO_PASSWORD);
        String cityPassword = "Matrix#Pass2026";
        long leader = openAccount(sysadmin, "matrix.leader", "SF-LJ", "LEADER", cityPassword);

        callers.put("anon", new Caller(null, null));
        for (String role : COLUMNS.subList(1, COLUMNS.size())) {
            String user = USERNAMES.get(role);
            callers.put(role, new Caller(user, user.startsWith("matrix.") ? cityPassword : DEMO_PASSWORD));
        }

        String city = api.token("supervisor", DEMO_PASSWORD);
        Map<String, String> tokens = new HashMap<>();
        for (String user : List.of("liaison", "townliaison", "qs.liaison", "lj.supervisor", "qs.supervisor")) {
            tokens.put(user, api.token(user, DEMO_PASSWORD));
        }
        LocalDate today = LocalDate.now();
        for (Relation rel : Relation.values()) {
            long unit = unitId(rel.unit);
            put("unit", rel, unit);
            long account =
                    openAccount(sysadmin, "matrix." + rel.name().toLowerCase(), rel.unit, "LIAISON", cityPassword);
            put("account", rel, account);

            Map<String, Object> newItem = new HashMap<>(Map.of(
                    "title", "权限矩阵事项（" + rel.unit + "）",
                    "content", "用于核对各角色的访问范围",
                    "kind", "LIVELIHOOD",
                    "leadUnitId", unit,
                    "deadline", "2099-06-30",
                    "startDate", today.withDayOfYear(1).toString(),
                    "cadence", "MONTHLY"));
            if (rel != Relation.UNRELATED) {
                newItem.put("leadLeaderId", leader); // a leader sees the items he or she leads
            }
            Api.Response made = api.post("/api/v1/items", city, newItem);
            assertThat(made.status()).as(made.body()).isEqualTo(201);
            long item = made.json().get("id").asLong();
            put("item", rel, item);
            assertThat(api.post("/api/v1/items/" + item + "/dispatch", city, Map.of())
                            .status())
                    .isEqualTo(200);
            String liaison = tokens.get(rel.liaison);
            assertThat(api.post("/api/v1/items/" + item + "/accept", liaison, Map.of())
                            .status())
                    .isEqualTo(200);
            Api.Response report = api.post(
                    "/api/v1/items/" + item + "/reports",
                    liaison,
                    Map.of("period", YearMonth.now().toString(), "narrative", "按计划推进", "percentComplete", 10));
            assertThat(report.status()).as(report.body()).isEqualTo(201);
            put("report", rel, report.json().get("id").asLong());
            Api.Response file = api.upload("/api/v1/items/" + item + "/files", liaison, "佐证.pdf", PDF);
            assertThat(file.status()).as(file.body()).isEqualTo(201);
            put("file", rel, file.json().get("id").asLong());

            Api.Response bulletin = api.post(
                    "/api/v1/bulletins",
                    city,
                    Map.of(
                            "unitId",
                            unit,
                            "kind",
                            "MONTH",
                            "day",
                            today.minusMonths(1).toString(),
                            "fresh",
                            true));
            assertThat(bulletin.status()).as(bulletin.body()).isEqualTo(201);
            put("bulletin", rel, bulletin.json().get("id").asLong());

            Api.Response scheme = api.post(
                    "/api/v1/assessments",
                    city,
                    Map.of(
                            "unitId",
                            unit,
                            "name",
                            "权限矩阵考核（" + rel.unit + "）",
                            "from",
                            today.withDayOfYear(1).toString(),
                            "to",
                            today.plusDays(30).toString(),
                            "scale",
                            100));
            assertThat(scheme.status()).as(scheme.body()).isEqualTo(201);
            long schemeId = scheme.json().get("id").asLong();
            put("assessment", rel, schemeId);
            long assessed = jdbc.sql("SELECT min(id) FROM unit WHERE parent_id = :p")
                    .param("p", unit)
                    .query(Long.class)
                    .single();
            Api.Response adjusted = api.post(
                    "/api/v1/assessments/" + schemeId + "/adjustments",
                    city,
                    Map.of(
                            "unitId",
                            assessed,
                            "points",
                            -1,
                            "reason",
                            "迟报一次",
                            "evidence",
                            "督查通报",
                            "evidenceFileName",
                            "依据.pdf",
                            "evidenceFile",
                            java.util.Base64.getEncoder().encodeToString(PDF)));
            assertThat(adjusted.status()).as(adjusted.body()).isEqualTo(200);
            put(
                    "adjustment",
                    rel,
                    adjusted.json().get("adjustments").get(0).get("id").asLong());

            if (rel != Relation.SUB) { // citizens address a city or a county, never a street
                Map<String, Object> citizen = new HashMap<>(
                        Map.of("category", "URBAN", "content", "小区门口路灯坏了很久（" + rel.unit + "）", "regionId", unit));
                citizen.put("attachmentName", "现场.pdf");
                citizen.put("attachment", java.util.Base64.getEncoder().encodeToString(PDF));
                Api.Response suggestion =
                        api.from("10.8.0." + (rel.ordinal() + 1)).post("/api/v1/public/suggestions", null, citizen);
                assertThat(suggestion.status()).as(suggestion.body()).isEqualTo(201);
                String code = suggestion.json().get("trackingCode").asString();
                put("code", rel, code);
                put(
                        "suggestion",
                        rel,
                        jdbc.sql("SELECT id FROM suggestion WHERE tracking_code = :c")
                                .param("c", code)
                                .query(Long.class)
                                .single());
            }

            long reminder = jdbc.sql("""
                            INSERT INTO reminder (item_id, unit_id, cause, level, subject, message, created_by)
                            VALUES (:i, :u, 'MANUAL', 'NOTICE', '权限矩阵', '请按时报送', 'supervisor') RETURNING id
                            """)
                    .param("i", item)
                    .param("u", unit)
                    .query(Long.class)
                    .single();
            put(
                    "delivery",
                    rel,
                    jdbc.sql("""
                                    INSERT INTO reminder_delivery (reminder_id, channel, format, target, status, attempts, last_error)
                                    VALUES (:r, 'WEBHOOK', 'GENERIC', 'http://127.0.0.1:9/', 'FAILED', 5, 'connection refused')
                                    RETURNING id
                                    """).param("r", reminder).query(Long.class).single());
        }
        Api.Response source = api.post(
                "/api/v1/sources", city, Map.of("kind", "WORK_REPORT", "title", "权限矩阵来源", "issuedOn", "2099-01-15"));
        assertThat(source.status()).as(source.body()).isEqualTo(201);
        for (Relation rel : Relation.values()) {
            put("source", rel, source.json().get("id").asLong());
        }

        // a caller's own token, export and import run are made for that caller; another's belong to others
        Map<Relation, String> othersTokens = new EnumMap<>(Relation.class);
        Map<Relation, String> othersExports = new EnumMap<>(Relation.class);
        Map<Relation, String> othersRuns = new EnumMap<>(Relation.class);
        for (Relation rel : List.of(Relation.SUB, Relation.UNRELATED)) {
            othersTokens.put(rel, newToken(rel.liaison, DEMO_PASSWORD));
            othersExports.put(rel, export(tokens.get(rel.liaison)));
            othersRuns.put(rel, importRun(rel.supervisor));
        }
        // a channel may be deleted by the row before: each request gets one of its own
        perCaller.put("channel", (caller, rel) -> {
            Api.Response channel = api.post(
                    "/api/v1/units/" + unitId(rel.unit) + "/channels",
                    city,
                    Map.of("format", "GENERIC", "url", "http://127.0.0.1:9/matrix-" + rel.ordinal()));
            assertThat(channel.status()).as(channel.body()).isEqualTo(201);
            return channel.json().get("id").asString();
        });
        perCaller.put(
                "token",
                (caller, rel) -> rel == Relation.OWN
                        ? (caller.username == null ? null : newToken(caller.username, caller.password))
                        : othersTokens.get(rel));
        perCaller.put(
                "export",
                (caller, rel) -> rel == Relation.OWN
                        ? (caller.token == null || caller.admin() ? null : export(caller.token))
                        : othersExports.get(rel));
        perCaller.put(
                "run",
                (caller, rel) -> rel == Relation.OWN
                        ? (caller.username == null ? null : importRun(caller.username))
                        : othersRuns.get(rel));
    }

    private void put(String name, Relation rel, Object value) {
        fixtures.computeIfAbsent(name, n -> new EnumMap<>(Relation.class)).put(rel, String.valueOf(value));
    }

    private long openAccount(String sysadmin, String username, String unitCode, String role, String password) {
        Api.Response r = api.post(
                "/api/v1/accounts",
                sysadmin,
                Map.of(
                        "username",
                        username,
                        "displayName",
                        "矩阵" + role,
                        "unitId",
                        unitId(unitCode),
                        "roles",
                        List.of(role),
                        "password",
                        password));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        // the first sign-in's password change is tested elsewhere; these accounts go straight to work
        jdbc.sql("UPDATE account SET must_change_password = false, password_changed_at = now() WHERE username = :u")
                .param("u", username)
                .update();
        return r.json().get("id").asLong();
    }

    private String newToken(String username, String password) {
        api.token(username, password);
        return String.valueOf(
                jdbc.sql("""
                        SELECT t.id FROM api_token t JOIN account a ON a.id = t.account_id
                         WHERE a.username = :u ORDER BY t.id DESC LIMIT 1
                        """).param("u", username).query(Long.class).single());
    }

    private String export(String token) {
        Api.Response r = api.post("/api/v1/items/export", token, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("exportId").asString();
    }

    private String importRun(String username) {
        return String.valueOf(
                jdbc.sql("""
                        INSERT INTO import_run (mode, file_name, status, total, imported, updated, unchanged, created_by, finished_at)
                        VALUES ('LEDGER', '台账.xlsx', 'DONE', 1, 1, 0, 0, :u, now()) RETURNING id
                        """).param("u", username).query(Long.class).single());
    }

    /** One caller: a cookie session for the pages and a bearer token for the API, or nobody at all. */
    final class Caller {
        final String username;
        final String password;
        final String token;
        private final HttpClient http;
        private String csrf;

        Caller(String username, String password) {
            this.username = username;
            this.password = password;
            this.http = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            // even a visitor's form carries a token, so refusals are about who, not about the token
            remember(exchange("GET", "/login", false, null).body());
            if (username != null) {
                Answer signed = exchange(
                        "POST",
                        "/login?u",
                        false,
                        "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(csrf));
                assertThat(signed.location()).as("%s signs in", username).doesNotContain("error");
                remember(exchange("GET", "/password", false, null).body());
                this.token = api.token(username, password);
            } else {
                this.token = null;
            }
        }

        boolean admin() {
            return username != null && Set.of("sysadmin", "secadmin", "auditor").contains(username);
        }

        Answer send(String method, String path, boolean toApi, String body) {
            if (toApi) {
                String json = body != null ? body : method.equals("GET") || method.equals("DELETE") ? null : "{}";
                return exchange(method, path, true, json);
            }
            if (method.equals("GET")) {
                return exchange(method, path, false, null);
            }
            String token = "_csrf=" + enc(csrf == null ? "" : csrf);
            return exchange(method, path, false, body == null ? token : body + "&" + token);
        }

        private Answer exchange(String method, String path, boolean toApi, String body) {
            String target = path.startsWith("/login?u") ? "/login" : path;
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + target));
            if (toApi && token != null) {
                b.header("Authorization", "Bearer " + token);
            }
            if (body == null) {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                b.header("Content-Type", toApi ? "application/json" : "application/x-www-form-urlencoded");
                b.method(method, HttpRequest.BodyPublishers.ofString(body));
            }
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(
                        r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
            } catch (IOException e) {
                throw new AssertionError(method + " " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        private void remember(String body) {
            Matcher m = CSRF.matcher(body);
            if (m.find()) {
                csrf = m.group(1);
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
