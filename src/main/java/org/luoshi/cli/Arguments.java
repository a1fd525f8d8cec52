package org.luoshi.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parsed {@code verb [sub] --option value --flag}: options must be among those the verb knows. */
record Arguments(List<String> words, Map<String, String> options) {

    static Arguments parse(String[] args, Set<String> valued, Set<String> flags) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                words.add(a);
                continue;
            }
            String name = a.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq > 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name) && value == null) {
                options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                        throw new UsageError("选项 --" + name + " 需要一个值");
                    }
                    value = args[++i];
                }
                options.put(name, value);
            } else {
                throw new UsageError("未知选项 --" + name);
            }
        }
        return new Arguments(List.copyOf(words), Map.copyOf(options));
    }

    String option(String name) {
        return options.get(name);
    }

    boolean flag(String name) {
        return options.containsKey(name);
    }

    String require(String name) {
        String v = options.get(name);
        if (v == null || v.isBlank()) {
            throw new UsageError("缺少选项 --" + name);
        }
        return v;
    }
}
