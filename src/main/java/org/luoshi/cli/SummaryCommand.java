package org.luoshi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.luoshi.DomainException;
import org.luoshi.summary.OutlineSection;
import org.luoshi.summary.ParsedDocument;
import org.luoshi.summary.ParsedSummaries;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** {@code parse-summary FILE... [--json]}: needs no database, so it starts no application. */
final class SummaryCommand {

    private SummaryCommand() {}

    static int parse(List<String> files, boolean json, PrintStream out) {
        if (files.isEmpty()) {
            throw new UsageError("parse-summary 需要至少一个文件（.txt 或 .docx）");
        }
        List<ParsedSummaries.Input> inputs = new ArrayList<>();
        for (String f : files) {
            Path path = Path.of(f);
            try {
                if (Files.size(path) > org.luoshi.summary.SummaryFiles.MAX_BYTES) {
                    throw new UsageError(f + "：文件超过 10 MB，不像一篇工作总结");
                }
                inputs.add(new ParsedSummaries.Input(path.getFileName().toString(), Files.readAllBytes(path)));
            } catch (IOException e) {
                throw new UsageError("读不了文件 " + f + "：" + e.getMessage());
            }
        }
        ParsedSummaries parsed;
        try {
            parsed = ParsedSummaries.of(inputs);
        } catch (DomainException e) {
            throw new UsageError(e.getMessage());
        }
        if (json) {
            JsonMapper mapper = JsonMapper.builder()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .build();
            out.println(mapper.writeValueAsString(parsed));
            return 0;
        }
        for (int i = 0; i < parsed.documents().size(); i++) {
            ParsedDocument d = parsed.documents().get(i);
            out.printf(
                    "[%d] %s（%s 第%d行）%s%n",
                    i, d.title(), d.file(), d.line(), d.duplicateOf() == null ? "" : "  与[" + d.duplicateOf() + "]重复");
            for (OutlineSection s : d.sections()) {
                print(s, out);
            }
            out.printf("    下半年打算 %d 项，遮盖的数字 %d 处%n", d.plans().size(), d.placeholders());
        }
        out.printf("共 %d 篇%n", parsed.documents().size());
        return 0;
    }

    private static void print(OutlineSection s, PrintStream out) {
        if (s.level() > 2) {
            return;
        }
        out.printf(
                "%s%s%s%s%n",
                "    ".repeat(s.level()), s.number(), s.heading(), s.level() == 1 ? "  〔" + s.kind() + "〕" : "");
        s.children().forEach(c -> print(c, out));
    }
}
