package org.luoshi.importing;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds a unit or a person by the name a sheet gives, as people write it: full name or short name,
 * full-width or half-width, with or without "人民政府", a leader with or without his title.
 */
final class NameMatcher {

    private final Map<String, List<Long>> byKey = new HashMap<>();
    private final Map<String, Long> aliases = new HashMap<>();

    /** A name saved by a person as standing for {@code id}: it wins over every guess. */
    void alias(String key, long id) {
        aliases.put(key, id);
    }

    /** Registers an id under each way its name may be written. */
    void add(long id, String... names) {
        for (String n : names) {
            if (n == null || n.isBlank()) {
                continue;
            }
            for (String key : keys(n)) {
                List<Long> ids = byKey.computeIfAbsent(key, k -> new ArrayList<>());
                if (!ids.contains(id)) {
                    ids.add(id);
                }
            }
        }
    }

    /** The single id the name stands for, else null (none, or more than one). */
    Long find(String name) {
        String k = key(name);
        if (aliases.containsKey(k)) {
            return aliases.get(k);
        }
        List<Long> ids = byKey.get(k);
        if (ids == null) {
            // "张志远副市长", "张志远同志": a known name followed by a title
            for (var e : byKey.entrySet()) {
                if (e.getKey().length() >= 2
                        && k.startsWith(e.getKey())
                        && e.getValue().size() == 1) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }
        return ids.size() == 1 ? ids.getFirst() : null;
    }

    boolean ambiguous(String name) {
        if (aliases.containsKey(key(name))) {
            return false;
        }
        List<Long> ids = byKey.get(key(name));
        return ids != null && ids.size() > 1;
    }

    // compiled once: a ledger's import looks up several names on every row
    private static final Pattern NOT_IN_KEY = Pattern.compile("[\\s　·•]");

    static String key(String s) {
        return NOT_IN_KEY
                .matcher(Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC))
                .replaceAll("")
                .replace("（", "(")
                .replace("）", ")");
    }

    private static List<String> keys(String name) {
        String k = key(name);
        List<String> keys = new ArrayList<>(List.of(k));
        for (String suffix : List.of("人民政府", "政府")) {
            if (k.endsWith(suffix) && k.length() > suffix.length() + 1) {
                keys.add(k.substring(0, k.length() - suffix.length()));
            }
        }
        return keys;
    }
}
