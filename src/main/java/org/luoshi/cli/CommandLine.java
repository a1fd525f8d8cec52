package org.luoshi.cli;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.luoshi.LuoshiApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar luoshi.jar [serve|audit verify|account …]}. Serving keeps the process alive;
 * every other verb runs against the configured database and exits with its status.
 */
public final class CommandLine {

    /** Returned when the server was started and the process must stay up. */
    public static final int SERVING = -1;

    static final String HELP = """
            落实 Luoshi — 督查督办与目标绩效考核平台

            用法 / usage: java -jar luoshi.jar [命令] [选项]

              serve [--port N] [--data DIR] [--demo]
                    启动服务（不带命令时同此）。--demo 在空数据库中载入示范市演示数据。
                    Start the server (the default). --demo loads the demo city into an empty database.
              audit verify [--archive FILE] [--data DIR]
                    校验审计日志的哈希链（HMAC-SM3，密钥见 LUOSHI_AUDIT_CHAIN_KEY）；完好时退出码 0 并打印核验条数，
                    否则非 0 并指出第一条被破坏的记录。--archive 校验一份归档文件及其在数据库中的锚点。
                    Verify the audit trail's hash chain, or an archive file against its anchor.
              audit archive --to FILE [--older-than 天数] [--data DIR]
                    把早于若干天（默认且至少 180 天）的审计记录移入归档文件：先校验整条链，写入并读回校验文件，
                    再在一个事务内记下锚点并移出这些记录。请妥善保存归档文件。Archive records older than the retention.
              audit rekey [--data DIR]
                    把启用密钥之前建立的审计链（纯 SM3）先整条校验，再改用密钥重新计算；只需做一次。
                    Key a chain made before keys, once, after verifying it.
              backup --to FILE [--data DIR]
                    把整个数据库备份到一个文件（一致的快照，服务运行时也可执行）。Back up the whole database to one file.
              restore --from FILE [--data DIR]
                    把备份恢复到空数据库（新的 --data 目录，或新建的外部数据库），全部成功或全部不写入；之后请运行 audit verify。
                    Restore a backup into an empty database.
              crypto rotate-key [--new-key 32位十六进制] [--data DIR]
                    更换个人信息（群众姓名、电话）的 SM4 密钥：全部用新密钥重新加密，一个事务内完成，任何一项
                    解不开则整体不做。不给 --new-key 时生成新密钥。请在服务停止时执行。Rotate the personal-data key.
              account create --username U --name 姓名 --unit 单位编码 --roles R1,R2 [--password P] [--data DIR]
                    新建账户（可授予管理员角色）；不给 --password 时生成临时密码，首次登录须修改。
              account reset-password --username U [--data DIR]
                    重置密码为一次性临时密码，首次登录须修改。
              generate [--scale F] [--units N] [--accounts N] [--items N] [--reports N] [--comments N] [--seed N] [--password P] [--data DIR]
                    在空数据库中生成一个省的模拟数据（默认 --scale 1：1万个单位、10万个账户、50万项事项、500万条进展报告），
                    用 COPY 批量写入，全部成功或全部不写入；--scale 0.01 为快速的小规模。账户用户名 g1、g2…，密码见 --password。
                    Fill an empty database with a province for benchmarks.
              parse-summary FILE... [--json]
                    解析工作总结（.txt 或 .docx，可为多篇的汇编）：标题、各级标题、下半年工作打算、遮盖的数字；不需要数据库。
                    Parse work summaries into their outline.
              --help
                    显示本帮助。

            角色 / roles: SUPERVISOR LEADER LIAISON UNIT_HEAD SYSTEM_ADMIN SECURITY_ADMIN AUDIT_ADMIN
            数据库 / database: 设置 LUOSHI_DATABASE_URL、LUOSHI_DATABASE_USERNAME、LUOSHI_DATABASE_PASSWORD
            使用外部 PostgreSQL；否则使用 --data 目录（默认 ./data）中的内置 PostgreSQL。
            """;

    private CommandLine() {}

    /** The jar's entry point. */
    public static void main(String[] args) {
        org.luoshi.LuoshiApplication.useBusinessZone();
        int status = run(args, System.out, System.err, Map.of());
        if (status != SERVING) {
            System.exit(status);
        }
    }

    /** For tests: extra Spring properties (a database URL, say) and captured output. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, Object> extra) {
        try {
            Arguments a = Arguments.parse(
                    args,
                    Set.of(
                            "port",
                            "data",
                            "username",
                            "name",
                            "unit",
                            "roles",
                            "password",
                            "title",
                            "scale",
                            "units",
                            "accounts",
                            "items",
                            "reports",
                            "comments",
                            "seed",
                            "new-key",
                            "to",
                            "from",
                            "archive",
                            "older-than"),
                    Set.of("demo", "help", "json"));
            if (a.flag("help") || (!a.words().isEmpty() && a.words().getFirst().equals("help"))) {
                out.print(HELP);
                return 0;
            }
            List<String> words = a.words();
            String verb = words.isEmpty() ? "serve" : words.getFirst();
            return switch (verb) {
                case "serve" -> serve(a, extra);
                case "audit" -> {
                    expect(words, 2, "audit 需要子命令 verify、archive 或 rekey");
                    yield switch (words.get(1)) {
                        case "verify" ->
                            a.option("archive") == null
                                    ? withContext(a, extra, context -> AuditCommand.verify(context, out, err))
                                    : withContext(
                                            a,
                                            extra,
                                            context -> AuditCommand.verifyArchive(
                                                    context, java.nio.file.Path.of(a.option("archive")), out, err));
                        case "archive" -> {
                            String to = required(a, "to", "audit archive 需要 --to 归档文件");
                            int days = days(a.option("older-than"));
                            yield withContext(
                                    a,
                                    extra,
                                    context ->
                                            AuditCommand.archive(context, java.nio.file.Path.of(to), days, out, err));
                        }
                        case "rekey" -> withContext(a, extra, context -> AuditCommand.rekey(context, out, err));
                        default -> throw new UsageError("未知子命令 audit " + words.get(1) + "（可用：verify、archive、rekey）");
                    };
                }
                case "account" -> {
                    expect(words, 2, "account 需要子命令 create 或 reset-password");
                    yield switch (words.get(1)) {
                        case "create" -> withContext(a, extra, context -> AccountCommand.create(context, a, out));
                        case "reset-password" ->
                            withContext(a, extra, context -> AccountCommand.reset(context, a, out));
                        default -> throw new UsageError("未知子命令 account " + words.get(1) + "（可用：create、reset-password）");
                    };
                }
                case "backup" -> {
                    expect(words, 1, "backup 不接受参数，用 --to 指定备份文件");
                    String to = required(a, "to", "backup 需要 --to 备份文件");
                    yield withContext(
                            a, extra, context -> BackupCommand.backup(context, java.nio.file.Path.of(to), out, err));
                }
                case "restore" -> {
                    expect(words, 1, "restore 不接受参数，用 --from 指定备份文件");
                    java.nio.file.Path from = java.nio.file.Path.of(required(a, "from", "restore 需要 --from 备份文件"));
                    if (!java.nio.file.Files.isRegularFile(from)) {
                        throw new UsageError("备份文件不存在：" + from);
                    }
                    // the schema is built to the backup's version, and nothing is made on the empty database first
                    Map<String, Object> restoring = new HashMap<>(extra);
                    restoring.put("spring.flyway.target", org.luoshi.database.Backups.schemaVersionOf(from));
                    restoring.put("luoshi.first-run.enabled", "false");
                    restoring.put("luoshi.demo.enabled", "false");
                    yield withContext(a, restoring, context -> BackupCommand.restore(context, from, out, err));
                }
                case "crypto" -> {
                    expect(words, 2, "crypto 的子命令只有 rotate-key");
                    if (!words.get(1).equals("rotate-key")) {
                        throw new UsageError("未知子命令 crypto " + words.get(1) + "（可用：rotate-key）");
                    }
                    yield withContext(
                            a, extra, context -> CryptoCommand.rotate(context, a.option("new-key"), out, err));
                }
                case "generate" -> {
                    expect(words, 1, "generate 不接受参数，用 --units、--items 等选项");
                    GenerateCommand.Options o = GenerateCommand.options(a);
                    yield withContext(a, extra, context -> GenerateCommand.run(context, o, out));
                }
                case "parse-summary" -> SummaryCommand.parse(words.subList(1, words.size()), a.flag("json"), out);
                default -> throw new UsageError("未知命令 " + verb);
            };
        } catch (UsageError e) {
            err.println("错误：" + e.getMessage());
            err.println("用 --help 查看用法。");
            return 2;
        }
    }

    private static int days(String value) {
        if (value == null) {
            return org.luoshi.audit.AuditArchiver.MIN_RETENTION_DAYS;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new UsageError("--older-than 须为天数，例如 365");
        }
    }

    private static String required(Arguments a, String option, String message) {
        String value = a.option(option);
        if (value == null || value.isBlank()) {
            throw new UsageError(message);
        }
        return value;
    }

    private static void expect(List<String> words, int size, String message) {
        if (words.size() != size) {
            throw new UsageError(message);
        }
    }

    private static int serve(Arguments a, Map<String, Object> extra) {
        if (a.words().size() > 1) {
            throw new UsageError("serve 不接受参数 "
                    + String.join(" ", a.words().subList(1, a.words().size())));
        }
        Map<String, Object> props = common(a, extra);
        if (a.option("port") != null) {
            props.put("server.port", port(a.option("port")));
        }
        if (a.flag("demo")) {
            props.put("luoshi.demo.enabled", "true");
        }
        new SpringApplicationBuilder(LuoshiApplication.class)
                .listeners(new org.luoshi.database.EarlyDatabaseStart())
                .run(asArguments(props));
        return SERVING;
    }

    private static int withContext(Arguments a, Map<String, Object> extra, Command command) {
        Map<String, Object> props = common(a, extra);
        props.put("luoshi.scheduling.enabled", "false");
        props.put("logging.level.root", "WARN");
        props.put("logging.level.org.luoshi", "WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(LuoshiApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                .run(asArguments(props))) {
            return command.run(context);
        }
    }

    private static Map<String, Object> common(Arguments a, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>(extra);
        if (a.option("data") != null) {
            props.put("luoshi.database.data-dir", a.option("data"));
        }
        return props;
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new UsageError("端口须为1至65535之间的整数：" + value);
        }
    }

    /** As command-line properties, which outrank application.properties and the environment. */
    private static String[] asArguments(Map<String, Object> props) {
        return props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    @FunctionalInterface
    interface Command {
        int run(ConfigurableApplicationContext context);
    }
}
