package org.luoshi.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.luoshi.support.Pdf;
import tools.jackson.databind.JsonNode;

/**
 * The half-year summary of a demo county drafted from the ledger: its figures checked against the
 * ledger as the API shows it, its edits kept and a stale edit refused, its .docx opened in LibreOffice.
 */
class SummaryDraftIT extends IntegrationTest {

    private static String period() {
        LocalDate today = LocalDate.now();
        return today.getYear() + "-H" + (today.getMonthValue() <= 6 ? 1 : 2);
    }

    /** Every item of the unit's ledger, as the API lists them. */
    private static List<JsonNode> ledger(Api api, String token, long unit) {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            JsonNode p = api.get("/api/v1/items?unit=" + unit + "&size=200&page=" + page, token)
                    .json();
            p.get("items").forEach(all::add);
            if (all.size() >= p.get("total").asLong()) {
                return all;
            }
        }
    }

    private static List<JsonNode> paragraphs(JsonNode draft) {
        List<JsonNode> out = new ArrayList<>();
        draft.get("sections").forEach(s -> collect(s, out));
        return out;
    }

    private static void collect(JsonNode section, List<JsonNode> out) {
        section.get("paragraphs").forEach(out::add);
        section.get("children").forEach(c -> collect(c, out));
    }

    @Test
    void theDemoCountysSummaryStatesTheLedgersFigures() throws Exception {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        // fresh: as the ledger stands now, whatever another test kept as an edited draft
        JsonNode draft = api.get(
                        "/api/v1/summaries/draft?unit=" + county + "&period=" + period() + "&fresh=true", supervisor)
                .json();

        // the ledger as the API lists it: drafts and cancelled items are not work done, and a
        // decomposed item speaks for its children
        List<JsonNode> items = ledger(api, supervisor, county).stream()
                .filter(i ->
                        !Set.of("DRAFT", "CANCELLED").contains(i.get("status").asString()))
                .toList();
        Set<Long> ids = new HashSet<>();
        items.forEach(i -> ids.add(i.get("id").asLong()));
        items = items.stream()
                .filter(i -> i.get("parentId").isNull()
                        || !ids.contains(i.get("parentId").asLong()))
                .toList();
        Map<String, Integer> byKind = new HashMap<>();
        int closed = 0, overdue = 0;
        for (JsonNode i : items) {
            byKind.merge(i.get("kind").asString(), 1, Integer::sum);
            if (i.get("status").asString().equals("CLOSED")) {
                closed++;
            } else if (i.get("overdue").asBoolean()) {
                overdue++;
            }
        }
        JsonNode totals = draft.get("totals");
        assertThat(items).isNotEmpty();
        assertThat(totals.get("items").asInt()).isEqualTo(items.size());
        assertThat(totals.get("closed").asInt()).isEqualTo(closed);
        assertThat(totals.get("open").asInt()).isEqualTo(items.size() - closed);
        assertThat(totals.get("overdue").asInt()).isEqualTo(overdue);
        assertThat(totals.get("byKind").size()).isEqualTo(byKind.size());
        String opening = paragraphs(draft).getFirst().get("text").asString();
        assertThat(opening).contains("共承担督办事项" + items.size() + "项", "已办结" + closed + "项", "逾期未办结" + overdue + "项");

        // each figure stands in its paragraph and leads to an item of this ledger; closure dates
        // and indicator values are the items' own
        Map<Long, JsonNode> byId = new HashMap<>();
        items.forEach(i -> byId.put(i.get("id").asLong(), i));
        int checkedDates = 0, checkedValues = 0;
        for (JsonNode p : paragraphs(draft)) {
            String text = p.get("text").asString();
            assertThat(text).doesNotContain("X", "×", "XX");
            for (JsonNode f : p.get("figures")) {
                String figure = f.get("text").asString();
                assertThat(text).contains(figure);
                assertThat(f.get("href").asString()).startsWith("/items");
                if (f.get("itemId").isNull()) {
                    continue;
                }
                JsonNode item = byId.get(f.get("itemId").asLong());
                assertThat(item).as(figure).isNotNull();
                if (figure.matches("\\d+月\\d+日")
                        && item.get("status").asString().equals("CLOSED")) {
                    LocalDate on = Instant.parse(item.get("closedAt").asString())
                            .atZone(ZoneId.systemDefault())
                            .toLocalDate();
                    assertThat(figure).isEqualTo(on.getMonthValue() + "月" + on.getDayOfMonth() + "日");
                    checkedDates++;
                }
                if (!f.get("reportId").isNull()) {
                    checkedValues += sameAsReported(
                            api, supervisor, item, f.get("reportId").asLong(), figure);
                }
            }
        }
        assertThat(checkedDates).as("closure dates checked").isEqualTo(closed);
        assertThat(checkedValues).as("indicator values found in the text").isPositive();

        // the .docx, opened as a reader would open it
        byte[] docx = api.bytes(
                "/api/v1/summaries/draft?unit=" + county + "&period=" + period() + "&format=docx", supervisor);
        Path file = Path.of("target/documents/demo-county-summary.docx");
        Files.createDirectories(file.getParent());
        Files.write(file, docx);
        Pdf pdf = Pdf.of(file);
        assertThat(pdf.pageSize()).contains("(A4)");
        assertThat(pdf.pages()).isGreaterThanOrEqualTo(2);
        assertThat(String.join("", pdf.lines(1)).replace(" ", ""))
                .startsWith(draft.get("title").asString());
        assertThat(pdf.lines(1).getLast().replace(" ", "")).isEqualTo("—1—");
    }

    /**
     * 1 when the figure is an indicator value as the linked report leaves it: that report's own value
     * for a "latest" indicator, the baseline plus every counted report up to it for a cumulative one.
     */
    private static int sameAsReported(Api api, String token, JsonNode item, long reportId, String figure) {
        JsonNode reports = api.get("/api/v1/items/" + item.get("id").asLong() + "/reports", token)
                .json()
                .get("reports");
        JsonNode linked = null;
        for (JsonNode r : reports) {
            if (r.get("id").asLong() == reportId) {
                linked = r;
            }
        }
        assertThat(linked).as("linked report " + reportId).isNotNull();
        for (JsonNode ind : item.get("indicators")) {
            BigDecimal value;
            if (ind.get("accumulation").asString().equals("LATEST")) {
                value = valueOf(linked, ind.get("id").asLong());
            } else {
                value = new BigDecimal(ind.get("baseline").asString());
                for (JsonNode r : reports) {
                    boolean counts = Set.of("SUBMITTED", "ACCEPTED")
                            .contains(r.get("status").asString());
                    BigDecimal v = valueOf(r, ind.get("id").asLong());
                    if (counts
                            && v != null
                            && r.get("periodEnd")
                                            .asString()
                                            .compareTo(linked.get("periodEnd").asString())
                                    <= 0) {
                        value = value.add(v);
                    }
                }
            }
            if (value != null) {
                String text = value.setScale(2, RoundingMode.HALF_UP)
                                .stripTrailingZeros()
                                .toPlainString()
                        + ind.get("measure").asString();
                if (figure.equals(text)) {
                    return 1;
                }
            }
        }
        return 0;
    }

    private static BigDecimal valueOf(JsonNode report, long indicatorId) {
        for (JsonNode v : report.get("values")) {
            if (v.get("indicatorId").asLong() == indicatorId) {
                return new BigDecimal(v.get("value").asString());
            }
        }
        return null;
    }

    @Test
    void editsAreKeptAndAStaleEditIsRefused() {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        String path = "/api/v1/summaries/draft?unit=" + county + "&period=" + period();
        JsonNode before = api.get(path, supervisor).json();
        int version = before.get("version").asInt(); // 0 unless another test kept an edit first
        JsonNode opening = paragraphs(before).getFirst();
        String firstFigure = opening.get("figures").get(0).get("text").asString();
        String edited = opening.get("text").asString() + "全区上下齐心协力，各项工作稳步推进。";

        Api.Response saved = api.put(
                path,
                supervisor,
                Map.of(
                        "version",
                        version,
                        "paragraphs",
                        Map.of(opening.get("key").asString(), edited)));
        assertThat(saved.status()).isEqualTo(200);
        JsonNode after = api.get(path, supervisor).json();
        assertThat(after.get("edited").asBoolean()).isTrue();
        assertThat(after.get("version").asInt()).isEqualTo(version + 1);
        assertThat(paragraphs(after).getFirst().get("text").asString()).isEqualTo(edited);
        // the figures still in the text keep their links
        assertThat(paragraphs(after)
                        .getFirst()
                        .get("figures")
                        .get(0)
                        .get("text")
                        .asString())
                .isEqualTo(firstFigure);

        // a second editor who read version 0 is refused and the first edit stands
        Api.Response stale = api.put(
                path,
                supervisor,
                Map.of(
                        "version",
                        version,
                        "paragraphs",
                        Map.of(opening.get("key").asString(), "别的写法")));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(paragraphs(api.get(path, supervisor).json())
                        .getFirst()
                        .get("text")
                        .asString())
                .isEqualTo(edited);
    }

    @Test
    void outsideTheScopeTheUnitDoesNotExist() throws Exception {
        Api api = api();
        long county = unitId("SF-LJ");
        String path = "/api/v1/summaries/draft?unit=" + county + "&period=" + period();
        assertThat(api.get(path, null).status()).isEqualTo(401);
        // a city department's liaison: the county is not his, answered as if it did not exist
        String other = api.token("deptliaison", DEMO_PASSWORD);
        Api.Response refused = api.get(path, other);
        Api.Response missing = api.get("/api/v1/summaries/draft?unit=999999&period=" + period(), other);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.json().get("detail")).isEqualTo(missing.json().get("detail"));
        assertThat(api.get(
                                "/api/v1/summaries/draft?unit=" + county + "&period=2026-Q3",
                                api.token("supervisor", DEMO_PASSWORD))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aWordTemplateOfTheUsersReceivesTheSummary() throws Exception {
        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        long county = unitId("SF-LJ");
        ByteArrayOutputStream template = new ByteArrayOutputStream();
        try (XWPFDocument t = new XWPFDocument()) {
            t.createParagraph().createRun().setText("{{标题}}");
            t.createParagraph().createRun().setText("{{正文}}");
            t.createParagraph().createRun().setText("{{落款}}");
            t.write(template);
        }
        HttpResponse<byte[]> r = Api.multipart(
                base() + "/api/v1/summaries/draft/render?unit=" + county + "&period=" + period(),
                supervisor,
                "template",
                "t.docx",
                template.toByteArray(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        try (XWPFDocument doc = new XWPFDocument(new java.io.ByteArrayInputStream(r.body()))) {
            assertThat(doc.getParagraphs().getFirst().getText()).startsWith("临江区");
            assertThat(doc.getParagraphs().get(1).getText())
                    .isEqualTo("一、" + (period().endsWith("1") ? "上" : "下") + "半年工作完成情况");
            assertThat(doc.getParagraphs().getLast().getText()).isEqualTo("临江区");
        }
    }
}
