package org.luoshi.summary;

import java.util.ArrayList;
import java.util.List;

/** What the parser found in one or more files, in the order given. */
public record ParsedSummaries(List<ParsedDocument> documents) {

    /** A file to parse: its name (for the kind and for reports) and its bytes. */
    public record Input(String name, byte[] bytes) {}

    /** Parses every input; documents repeated across them are marked with the index of the first. */
    public static ParsedSummaries of(List<Input> inputs) {
        List<ParsedDocument> documents = new ArrayList<>();
        for (Input in : inputs) {
            documents.addAll(SummaryParser.parse(in.name(), SummaryFiles.text(in.name(), in.bytes())));
        }
        List<String> bodies = documents.stream().map(SummaryParser::body).toList();
        return new ParsedSummaries(SummaryParser.markDuplicates(documents, bodies));
    }
}
