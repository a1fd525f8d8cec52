package org.luoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;

/**
 * The usual attacks tried against the running application: script in every free-text field,
 * injection in every filter, forged and replayed sessions, hostile files. Access to other units'
 * ids is {@link AccessMatrixIT}'s.
 */
class AttacksIT extends IntegrationTest {

    /** Runs if it ever reaches a page unescaped: sets a flag and opens a dialog. */
    private static final String SCRIPT = "<script>window.__xss=1;alert('xss')</script>";

    private static final String IMAGE = "<img src=x onerror=\"window.__xss=2;alert('xss')\">";
    private static final String PAYLOAD = "路灯" + SCRIPT + IMAGE + "\"'><svg onload=alert(3)>";
    private static final byte[] PDF =
            "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "1' OR 1=1 --",
            "'; DROP TABLE item; --",
            "1; SELECT pg_sleep(0)",
            "%' UNION SELECT username, password_hash FROM account --",
            "\\'",
            "\u0000",
            "$$ OR 1=1 $$");

    @Test
    void scriptInEveryFreeTextFieldIsShownAsTextAndNeverRuns() throws Exception {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String liaison = api.token("liaison", DEMO_PASSWORD);
        Map<String, Object> body = new HashMap<>(Map.of(
                "title",
                PAYLOAD,
                "content",
                PAYLOAD,
                "kind",
                "LIVELIHOOD",
                "leadUnitId",
                unitId("SF-LJ"),
                "deadline",
                "2099-06-30",
                "startDate",
                "2026-01-01",
                "cadence",
                "MONTHLY",
                "tags",
                List.of("路灯 script")));
        // a tag is a plain word: brackets are refused outright
        Map<String, Object> bracketTag = new HashMap<>(body);
        bracketTag.put("tags", List.of("<b>x</b>"));
        assertThat(api.post("/api/v1/items", supervisor, bracketTag).status()).isEqualTo(400);
        Api.Response made = api.post("/api/v1/items", supervisor, body);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        long item = made.json().get("id").asLong();
        assertThat(api.post("/api/v1/items/" + item + "/dispatch", supervisor, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/items/" + item + "/accept", liaison, Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/items/" + item + "/comment", supervisor, Map.of("text", PAYLOAD))
                        .status())
                .isEqualTo(200);
        Api.Response report = api.post(
                "/api/v1/items/" + item + "/reports",
                liaison,
                Map.of(
                        "period",
                        YearMonth.now().toString(),
                        "narrative",
                        PAYLOAD,
                        "problems",
                        PAYLOAD,
                        "nextSteps",
                        PAYLOAD,
                        "percentComplete",
                        20));
        assertThat(report.status()).as(report.body()).isEqualTo(201);
        Api.Response file = api.upload("/api/v1/items/" + item + "/files", liaison, "<svg onload=alert(1)>.pdf", PDF);
        assertThat(file.status()).as(file.body()).isEqualTo(201);
        Map<String, Object> citizen = new HashMap<>(Map.of("category", "URBAN", "content", PAYLOAD, "name", SCRIPT));
        Api.Response suggestion = api.from("10.9.0.1").post("/api/v1/public/suggestions", null, citizen);
        assertThat(suggestion.status()).as(suggestion.body()).isEqualTo(201);
        long suggestionId = jdbc.sql("SELECT id FROM suggestion WHERE tracking_code = :c")
                .param("c", suggestion.json().get("trackingCode").asString())
                .query(Long.class)
                .single();

        List<String> pages = List.of(
                "/items/" + item,
                "/items?q=" + enc("路灯"),
                "/workbench",
                "/search?q=" + enc("路灯"),
                "/progress/review",
                "/suggestions/" + suggestionId,
                "/suggestions",
                "/dashboard");
        // as the server sends them: the payload is escaped wherever it appears
        org.luoshi.support.Browser session = browserSession();
        session.login("supervisor", DEMO_PASSWORD);
        for (String path : pages) {
            String html = session.get(path).body();
            assertThat(html)
                    .as(path)
                    .doesNotContain(SCRIPT)
                    .doesNotContain(IMAGE)
                    .doesNotContain("<svg onload");
        }
        assertThat(session.get("/items/" + item).body()).contains("&lt;script&gt;");

        // and in a real browser nothing runs, whether or not the policy would have stopped it
        try (Playwright playwright = Playwright.create();
                Browser browser = chromium(playwright)) {
            BrowserContext context = browser.newContext(new Browser.NewContextOptions().setLocale("zh-CN"));
            Page page = context.newPage();
            List<String> dialogs = new CopyOnWriteArrayList<>();
            page.onDialog(d -> {
                dialogs.add(d.message());
                d.dismiss();
            });
            page.navigate(base() + "/login");
            page.getByLabel("用户名").fill("supervisor");
            page.getByLabel("密码").fill(DEMO_PASSWORD);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("登 录"))
                    .click();
            page.waitForURL(base() + "/");
            for (String path : pages) {
                page.navigate(base() + path);
                page.waitForLoadState();
                assertThat(page.evaluate("() => window.__xss === undefined"))
                        .as(path)
                        .isEqualTo(true);
            }
            page.navigate(base() + "/items/" + item);
            assertThat(page.locator("h1").innerText()).contains("<script>");
            Path shots = Path.of("target/screenshots");
            Files.createDirectories(shots);
            page.screenshot(new Page.ScreenshotOptions()
                    .setPath(shots.resolve("attack-stored-script.png"))
                    .setFullPage(true));
            assertThat(dialogs).isEmpty();
        }
    }

    @Test
    void scriptInAQueryIsNotReflected() {
        org.luoshi.support.Browser session = browserSession();
        session.login("supervisor", DEMO_PASSWORD);
        String q = enc(PAYLOAD);
        for (String path : List.of(
                "/search?q=" + q,
                "/items?q=" + q + "&tag=" + q,
                "/items?sort=" + q,
                "/pace?q=" + q,
                "/bulletins?q=" + q)) {
            org.luoshi.support.Browser.Page page = session.get(path);
            assertThat(page.status()).as(path).isLessThan(500);
            assertThat(page.body()).as(path).doesNotContain(SCRIPT).doesNotContain(IMAGE);
        }
        org.luoshi.support.Browser visitor = browserSession();
        for (String path : List.of(
                "/login?error=" + q, "/public/suggestions/track?code=" + q, "/public/suggestions?category=" + q)) {
            org.luoshi.support.Browser.Page page = visitor.get(path);
            assertThat(page.status()).as(path).isLessThan(500);
            assertThat(page.body()).as(path).doesNotContain(SCRIPT).doesNotContain(IMAGE);
        }
    }

    @Test
    void injectionInEveryFilterIsAValueNotSql() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long items = count("item");
        long accounts = count("account");
        int all =
                api.get("/api/v1/items?size=1", supervisor).json().get("total").asInt();
        List<String> params = List.of(
                "status",
                "stage",
                "kind",
                "unit",
                "leader",
                "overdue",
                "level",
                "deadlineFrom",
                "deadlineTo",
                "sort",
                "q",
                "tag",
                "source",
                "page",
                "size");
        List<String> broken = new ArrayList<>();
        for (String param : params) {
            for (String attack : INJECTIONS) {
                Api.Response r = api.get("/api/v1/items?" + param + "=" + enc(attack), supervisor);
                if (r.status() >= 500) {
                    broken.add(param + "=" + attack + " → " + r.status());
                } else if (r.status() == 200 && r.json().get("total").asInt() > all) {
                    broken.add(param + "=" + attack + " widened the result");
                }
            }
        }
        for (String attack : INJECTIONS) {
            for (String path : List.of(
                    "/api/v1/search?q=",
                    "/api/v1/dashboard?unit=",
                    "/api/v1/bulletins?kind=",
                    "/api/v1/suggestions?status=")) {
                Api.Response r = api.get(path + enc(attack), supervisor);
                if (r.status() >= 500) {
                    broken.add(path + attack + " → " + r.status());
                }
            }
            // text search treats the attack as words to find, not as a condition
            Api.Response q = api.get("/api/v1/items?q=" + enc(attack), supervisor);
            if (q.status() == 200) {
                assertThat(q.json().get("total").asInt()).as(attack).isZero();
            }
        }
        // a NUL inside a JSON body cannot be stored: refused as the caller's, not a server error
        Api.Response nul = api.post(
                "/api/v1/items",
                supervisor,
                Map.of(
                        "title",
                        "空\u0000字符",
                        "content",
                        "内容",
                        "cadence",
                        "ONCE",
                        "kind",
                        "LIVELIHOOD",
                        "leadUnitId",
                        unitId("SF-LJ"),
                        "deadline",
                        "2099-06-30"));
        assertThat(nul.status()).as(nul.body()).isEqualTo(400);
        assertThat(nul.json().get("detail").asString()).contains("U+0000");
        assertThat(broken).isEmpty();
        assertThat(count("item")).isEqualTo(items);
        assertThat(count("account")).isEqualTo(accounts);
    }

    @Test
    void signingInGivesANewSessionAndTheOldOneIsWorthNothing() throws Exception {
        HttpClient plain = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        org.luoshi.support.Browser victim = browserSession();
        victim.get("/login");
        String planted = victim.sessionCookie();
        assertThat(planted).isNotNull();
        victim.login("liaison", DEMO_PASSWORD);
        String signedIn = victim.sessionCookie();
        assertThat(signedIn).isNotEqualTo(planted);
        // the attacker who planted the first cookie is still nobody
        HttpResponse<String> attacker = plain.send(
                HttpRequest.newBuilder(URI.create(base() + "/"))
                        .header("Cookie", "SESSION=" + planted)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(attacker.statusCode()).isEqualTo(302);
        assertThat(attacker.headers().firstValue("Location").orElse("")).contains("/login");
        // and after signing out the signed-in cookie is worth nothing either
        assertThat(victim.get("/").status()).isEqualTo(200);
        victim.postForm("/logout", Map.of());
        HttpResponse<String> replay = plain.send(
                HttpRequest.newBuilder(URI.create(base() + "/"))
                        .header("Cookie", "SESSION=" + signedIn)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(302);
    }

    @Test
    void noParameterSendsAUserToAnotherSite() {
        for (String param : List.of("redirect", "next", "continue", "returnUrl", "url", "target", "back")) {
            String evil = enc("https://evil.example/steal");
            org.luoshi.support.Browser b = browserSession();
            b.get("/login?" + param + "=" + evil);
            org.luoshi.support.Browser.Page after = b.postForm(
                    "/login?" + param + "=" + evil, Map.of("username", "liaison", "password", DEMO_PASSWORD));
            assertThat(after.location()).as(param).doesNotContain("evil.example");
            org.luoshi.support.Browser.Page out = b.postForm("/logout?" + param + "=" + evil, Map.of());
            assertThat(out.location()).as(param).doesNotContain("evil.example");
        }
        // a protected page asked for while signed out comes back after sign-in, never a foreign one
        org.luoshi.support.Browser b = browserSession();
        b.get("//evil.example/items");
        assertThat(b.login("liaison", DEMO_PASSWORD).location()).doesNotContain("evil.example");
    }

    @Test
    void aFileNameOrPathCannotClimbOutOfItsFolder() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String liaison = api.token("liaison", DEMO_PASSWORD);
        Map<String, Object> body = new HashMap<>(Map.of(
                "title", "上传检查",
                "content", "佐证材料",
                "kind", "LIVELIHOOD",
                "leadUnitId", unitId("SF-LJ"),
                "deadline", "2099-06-30",
                "cadence", "ONCE"));
        long item = api.post("/api/v1/items", supervisor, body).json().get("id").asLong();
        api.post("/api/v1/items/" + item + "/dispatch", supervisor, Map.of());
        api.post("/api/v1/items/" + item + "/accept", liaison, Map.of());

        Api.Response climbing =
                api.upload("/api/v1/items/" + item + "/files", liaison, "../../../../etc/passwd.pdf", PDF);
        assertThat(climbing.status()).as(climbing.body()).isIn(201, 400);
        if (climbing.status() == 201) {
            String name = climbing.json().get("name").asString();
            assertThat(name).doesNotContain("/").doesNotContain("\\").doesNotContain("..");
        }
        // disguised and unlisted types: EvidenceIT.refusesDisguisedAndUnlistedTypesAndKeepsOnlyTheName
        // paths that try to leave the static folders or the template names
        org.luoshi.support.Browser b = browserSession();
        b.login("supervisor", DEMO_PASSWORD);
        for (String path : List.of(
                "/css/..%2f..%2fapplication.properties",
                "/css/%2e%2e/%2e%2e/application.properties",
                "/imports/template/..%2f..%2fapplication.properties.xlsx",
                "/js/../../../../etc/passwd")) {
            org.luoshi.support.Browser.Page page = b.get(path);
            assertThat(page.status()).as(path).isIn(400, 404);
            assertThat(page.body()).as(path).doesNotContain("luoshi.database").doesNotContain("root:x:0:0");
        }
    }

    @Test
    void workbooksAndDocumentsWithExternalEntitiesOrBombsAreRefused() throws Exception {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        String entity = "<!DOCTYPE x [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>";

        byte[] xlsx = workbook();
        byte[] xxeSheet = rewrite(
                xlsx,
                "xl/worksheets/sheet1.xml",
                xml -> xml.replaceFirst("\\?>", "?>" + entity)
                        .replace(
                                "<sheetData/>",
                                "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&secret;</t></is></c></row></sheetData>"));
        byte[] xxeStrings = rewrite(xlsx, "[Content_Types].xml", xml -> xml.replaceFirst("\\?>", "?>" + entity));
        for (byte[] hostile : List.of(xxeSheet, xxeStrings)) {
            Api.Response r = api.upload("/api/v1/imports/ledger?dryRun=true", supervisor, "台账.xlsx", hostile);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("root:x:0:0");
        }

        byte[] docx = document();
        byte[] xxeDoc = rewrite(
                docx,
                "word/document.xml",
                xml -> xml.replaceFirst("\\?>", "?>" + entity)
                        .replaceFirst("<w:t>一、工作总结</w:t>", "<w:t>&secret;</w:t>"));
        Api.Response parsed = api.upload("/api/v1/summaries/parse", supervisor, "总结.docx", xxeDoc);
        assertThat(parsed.status()).as(parsed.body()).isEqualTo(400);
        assertThat(parsed.body()).doesNotContain("root:x:0:0");

        // 1 GB of one repeated byte squeezed into about a megabyte
        byte[] bomb = bomb(xlsx, "xl/worksheets/sheet1.xml", 1L << 30);
        assertThat(bomb.length).isLessThan(2_000_000);
        Api.Response refused = api.upload("/api/v1/imports/ledger?dryRun=true", supervisor, "台账.xlsx", bomb);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("detail").asString()).contains("压缩炸弹");
        byte[] docBomb = bomb(docx, "word/document.xml", 1L << 30);
        Api.Response docRefused = api.upload("/api/v1/summaries/parse", supervisor, "总结.docx", docBomb);
        assertThat(docRefused.status()).as(docRefused.body()).isEqualTo(400);
    }

    // --- hostile files

    private static byte[] workbook() throws IOException {
        try (XSSFWorkbook wb = new XSSFWorkbook();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            wb.createSheet("台账");
            wb.write(out);
            return out.toByteArray();
        }
    }

    private static byte[] document() throws IOException {
        try (XWPFDocument doc = new XWPFDocument();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText("一、工作总结");
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** The same package with one part's XML changed. */
    private static byte[] rewrite(byte[] pkg, String part, java.util.function.UnaryOperator<String> change)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean found = false;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pkg));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                if (e.getName().equals(part)) {
                    found = true;
                    String changed = change.apply(new String(data, StandardCharsets.UTF_8));
                    assertThat(changed).contains("<!DOCTYPE");
                    data = changed.getBytes(StandardCharsets.UTF_8);
                }
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(data);
                zip.closeEntry();
            }
        }
        assertThat(found).as(part).isTrue();
        return out.toByteArray();
    }

    /** The same package with one part padded to {@code size} bytes of spaces. */
    private static byte[] bomb(byte[] pkg, String part, long size) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(pkg));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.setLevel(9);
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] data = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                if (e.getName().equals(part)) {
                    String xml = new String(data, StandardCharsets.UTF_8);
                    int cut = xml.lastIndexOf('<');
                    zip.write(xml.substring(0, cut).getBytes(StandardCharsets.UTF_8));
                    byte[] spaces = new byte[1 << 20];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (long written = 0; written < size; written += spaces.length) {
                        zip.write(spaces);
                    }
                    zip.write(xml.substring(cut).getBytes(StandardCharsets.UTF_8));
                } else {
                    zip.write(data);
                }
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    private static Browser chromium(Playwright playwright) {
        return org.luoshi.support.Chromium.launch(playwright);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
