package org.luoshi.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.Map;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code generate}: a province of data for benchmarks, into an empty database. */
final class GenerateCommand {

    static final String DEFAULT_PASSWORD = "Gen#Luoshi2026";

    private GenerateCommand() {}

    record Options(ProvinceGenerator.Plan plan) {}

    /** Sizes from {@code --scale} (of 10,000 units, 500,000 items, 5,000,000 reports), each overridable. */
    static Options options(Arguments a) {
        double scale = decimal(a.option("scale"), "scale", 1.0);
        if (scale <= 0 || scale > 10) {
            throw new UsageError("--scale 须在 0 到 10 之间");
        }
        int units = number(a.option("units"), "units", (int) Math.max(20, Math.round(10_000 * scale)));
        int items = number(a.option("items"), "items", (int) Math.max(50, Math.round(500_000 * scale)));
        int reports = number(a.option("reports"), "reports", (int) Math.max(100, Math.round(5_000_000 * scale)));
        Integer accounts = a.option("accounts") == null ? null : number(a.option("accounts"), "accounts", 0);
        Integer comments = a.option("comments") == null ? null : number(a.option("comments"), "comments", 0);
        long seed = a.option("seed") == null ? 20_261_130L : number(a.option("seed"), "seed", 0);
        String password = a.option("password") == null ? DEFAULT_PASSWORD : a.option("password");
        if (units < 5) {
            throw new UsageError("--units 至少为 5");
        }
        return new Options(ProvinceGenerator.Plan.of(units, accounts, items, reports, comments, seed, password));
    }

    static int run(ConfigurableApplicationContext context, Options o, PrintStream out) {
        ProvinceGenerator.Plan p = o.plan();
        out.printf(
                "生成模拟数据：%,d 个单位、%,d 个账户、%,d 项事项、约 %,d 条进展报告（种子 %d）%n",
                p.units(), p.accounts(), p.items(), p.reports(), p.seed());
        try {
            ProvinceGenerator generator = new ProvinceGenerator(context, p.seed(), out);
            Map<String, Long> made = generator.run(p);
            out.println("账户用户名 g1 至 g" + made.get("accounts") + "，密码 " + p.password() + "；省级督查员 "
                    + generator.provinceSupervisor());
            StringBuilder json = new StringBuilder("{");
            made.forEach((k, v) -> json.append(json.length() > 1 ? "," : "")
                    .append('"')
                    .append(k)
                    .append("\":")
                    .append(v));
            out.println(json.append('}'));
            return 0;
        } catch (SQLException e) {
            out.println("生成失败，数据库未写入任何数据：" + e.getMessage());
            return 1;
        }
    }

    private static int number(String raw, String name, int fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(raw.replace("_", "").replace(",", ""));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageError("--" + name + " 须为非负整数：" + raw);
        }
    }

    private static double decimal(String raw, String name, double fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(raw);
        } catch (NumberFormatException e) {
            throw new UsageError("--" + name + " 须为数字：" + raw);
        }
    }
}
