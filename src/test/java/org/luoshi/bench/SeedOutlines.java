package org.luoshi.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.luoshi.summary.OutlineSection;
import org.luoshi.summary.ParsedDocument;
import org.luoshi.summary.ParsedSummaries;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scores the summary parser on real summaries against outlines a person wrote down by line number:
 * {@code SeedOutlines ../shared/seeds bench/seed-outlines.json}. Prints every difference and the totals.
 */
public final class SeedOutlines {

    private SeedOutlines() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/seeds");
        Path expectedFile = Path.of(args.length > 1 ? args[1] : "bench/seed-outlines.json");
        JsonNode files =
                JsonMapper.builder().build().readTree(expectedFile.toFile()).get("files");
        List<ParsedSummaries.Input> inputs = new ArrayList<>();
        for (String name : files.propertyNames()) {
            inputs.add(new ParsedSummaries.Input(name, Files.readAllBytes(dir.resolve(name))));
        }
        long started = System.nanoTime();
        List<ParsedDocument> found = ParsedSummaries.of(inputs).documents();
        long millis = (System.nanoTime() - started) / 1_000_000;
        Map<String, ParsedDocument> byTitle = new LinkedHashMap<>();
        found.forEach(d -> byTitle.put(d.file() + ":" + d.line(), d));

        int docs = 0, docsRight = 0, headings = 0, headingsRight = 0, plans = 0, plansRight = 0, extra = 0;
        for (String name : files.propertyNames()) {
            for (JsonNode e : files.get(name)) {
                docs++;
                String key = name + ":" + e.get("title").asInt();
                ParsedDocument d = byTitle.remove(key);
                Map<Integer, String> want = new LinkedHashMap<>();
                for (String h : e.get("level1").asString().split(" ")) {
                    want.put(Integer.parseInt(h.substring(0, h.length() - 1)), kind(h.charAt(h.length() - 1)));
                }
                headings += want.size();
                plans += (int) want.values().stream().filter("plan"::equals).count();
                if (d == null) {
                    System.out.println("未找到  " + key);
                    continue;
                }
                Map<Integer, String> got = new LinkedHashMap<>();
                for (OutlineSection s : d.sections()) {
                    if (s.level() == 1) {
                        got.put(s.line(), s.kind().name());
                    }
                }
                boolean planCount = d.plans().size() == e.get("plans").asInt();
                int right = 0;
                for (var w : want.entrySet()) {
                    if (w.getValue().equals(got.get(w.getKey()))) {
                        right++;
                        if (w.getValue().equals("plan") && planCount) {
                            plansRight++;
                        }
                    }
                }
                headingsRight += right;
                int surplus = (int)
                        got.keySet().stream().filter(l -> !want.containsKey(l)).count();
                extra += surplus;
                String duplicate = e.has("duplicates") ? e.get("duplicates").asString() : null;
                String gotDuplicate = d.duplicateOf() == null
                        ? null
                        : found.get(d.duplicateOf()).file() + ":"
                                + found.get(d.duplicateOf()).line();
                boolean sameDuplicate = java.util.Objects.equals(duplicate, gotDuplicate);
                if (right == want.size() && surplus == 0 && planCount && sameDuplicate) {
                    docsRight++;
                } else {
                    System.out.printf(
                            "不同  %s  一级标题 期望 %s 得到 %s；打算 期望 %d 得到 %d；重复 期望 %s 得到 %s%n",
                            key, want, got, e.get("plans").asInt(), d.plans().size(), duplicate, gotDuplicate);
                }
            }
        }
        byTitle.keySet().forEach(k -> System.out.println("多出  " + k));
        System.out.printf(
                "文档 %d/%d 完全正确（多出 %d 篇）；一级标题 %d/%d（多出 %d 个）；下半年打算 %d/%d；用时 %d ms%n",
                docsRight, docs, byTitle.size(), headingsRight, headings, extra, plansRight, plans, millis);
    }

    private static String kind(char c) {
        return switch (c) {
            case 's' -> "summary";
            case 'q' -> "problems";
            case 'p' -> "plan";
            default -> "other";
        };
    }
}
