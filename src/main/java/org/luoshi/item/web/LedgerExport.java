package org.luoshi.item.web;

import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.luoshi.DomainException;
import org.luoshi.item.ItemData;
import org.luoshi.item.ItemQuery;
import org.luoshi.item.ItemService;
import org.luoshi.item.ItemSource;
import org.luoshi.item.Milestone;
import org.luoshi.item.SourceService;
import org.luoshi.org.UnitQuery;
import org.luoshi.security.AccountQuery;
import org.luoshi.security.CurrentUser;
import org.luoshi.security.Role;
import org.springframework.stereotype.Component;

/**
 * The ledger view as a spreadsheet, in the columns a bureau's paper 台账 has: the same filter and
 * scope as the screen, read in chunks and written row by row into the file.
 */
@Component
class LedgerExport {

    /** Beyond this the view should be narrowed; a ledger of a whole province is not one sheet. */
    static final int MAX_ROWS = 100_000;

    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final String[] HEADERS = {
        "序号", "编号", "事项名称", "具体内容", "类别", "督办等级", "来源", "牵头领导", "牵头单位", "配合单位", "完成时限", "状态", "逾期", "时序节点", "标签",
        "办结评价", "上级事项"
    };
    private static final int[] WIDTHS = {6, 14, 36, 50, 10, 10, 30, 10, 18, 24, 12, 10, 6, 30, 16, 10, 14};

    private final ItemQuery query;
    private final ItemService service;
    private final UnitQuery units;
    private final SourceService sources;
    private final AccountQuery accounts;

    /** Chunks read ahead of the one being written, each on its own thread. */
    private static final int READ_AHEAD = 2;

    /** Rows read per round (500): fewer round trips than a screen's page, still a bounded piece of memory. */
    private final int chunk;

    LedgerExport(
            ItemQuery query,
            ItemService service,
            UnitQuery units,
            SourceService sources,
            AccountQuery accounts,
            @org.springframework.beans.factory.annotation.Value("${luoshi.export.chunk-rows:500}") int chunk) {
        this.chunk = Math.max(chunk, 1);
        this.query = query;
        this.service = service;
        this.units = units;
        this.sources = sources;
        this.accounts = accounts;
    }

    /** The lead-unit subtree the view is narrowed to, as a path; "/none/" for a unit that is not there. */
    String unitPath(LedgerParams params) {
        return params.unit() == null
                ? null
                : units.find(params.unit(), org.luoshi.org.UnitScope.all())
                        .map(u -> u.path().value())
                        .orElse("/none/");
    }

    /**
     * Writes the view chunk by chunk into the zipped sheet: besides the file itself, only two chunks
     * of rows and their details are in memory at a time, whatever the view's size up to {@link #MAX_ROWS}.
     */
    byte[] write(CurrentUser user, LedgerParams params, String unitPath, LocalDate today) {
        return write(user, params, unitPath, today, (done, total) -> {});
    }

    /** Told after each page: rows written so far, of how many. */
    @FunctionalInterface
    interface Progress {
        void at(int done, long total);
    }

    byte[] write(CurrentUser user, LedgerParams params, String unitPath, LocalDate today, Progress progress) {
        Map<Long, String> leaders = accounts.namesWithRole(Role.LEADER);
        double[] widths = new double[WIDTHS.length];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = WIDTHS[c] + 0.78;
        }
        SheetStream.Look[] heads = new SheetStream.Look[HEADERS.length];
        java.util.Arrays.fill(heads, SheetStream.Look.HEAD);
        SheetStream.Look[] looks = new SheetStream.Look[HEADERS.length];
        java.util.Arrays.fill(looks, SheetStream.Look.PLAIN);
        looks[2] = looks[3] = looks[13] = SheetStream.Look.WRAP;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (SheetStream sheet = new SheetStream(out, "督办台账", widths, 3);
                var reader = java.util.concurrent.Executors.newThreadPerTaskExecutor(
                        Thread.ofVirtual().name("ledger-export-read-", 0).factory())) {
            sheet.row(null, HEADERS, heads);
            int r = 1;
            List<Long> order = query.ids(user, params.filter(1, ItemQuery.MAX_PAGE_SIZE), unitPath, MAX_ROWS + 1);
            if (order.size() > MAX_ROWS) {
                long total = query.list(user, params.filter(1, 1), unitPath).total();
                throw DomainException.invalid(
                        "ledger.export.large", "q", "当前筛选结果有{0}项，超过导出上限{1}项，请缩小筛选范围后再导出", total, MAX_ROWS);
            }
            // the next chunks are read while this one is written: 500 scattered rows cost 10 ms of
            // index lookups in four queries, so two readers keep both cores busy beside the writer
            java.util.ArrayDeque<java.util.concurrent.Future<Chunk>> ahead = new java.util.ArrayDeque<>();
            int submitted = 0;
            for (; submitted < READ_AHEAD && submitted * chunk < order.size(); submitted++) {
                int at = submitted * chunk;
                ahead.add(reader.submit(() -> read(user, order, at)));
            }
            for (int start = 0; ; start += chunk) {
                Chunk part = ahead.isEmpty()
                        ? read(user, order, start)
                        : ahead.poll().get();
                if (submitted * chunk < order.size()) {
                    int at = submitted++ * chunk;
                    ahead.add(reader.submit(() -> read(user, order, at)));
                }
                var rows = part.rows();
                var from = part.sources();
                var coUnits = part.coUnits();
                var unitNames = part.unitNames();
                var milestones = part.milestones();
                var parentCodes = part.parentCodes();
                for (ItemData d : rows) {
                    String[] values = {
                        null,
                        d.code(),
                        d.title(),
                        d.content(),
                        d.kind().label(),
                        d.level().label(),
                        from.getOrDefault(d.id(), List.of()).stream()
                                .map(s -> s.title() + (s.docNumber() == null ? "" : "（" + s.docNumber() + "）"))
                                .collect(Collectors.joining("；")),
                        d.leadLeaderId() == null ? "" : leaders.getOrDefault(d.leadLeaderId(), ""),
                        unitNames.getOrDefault(d.leadUnitId(), ""),
                        coUnits.getOrDefault(d.id(), List.of()).stream()
                                .map(u -> unitNames.getOrDefault(u, ""))
                                .collect(Collectors.joining("、")),
                        d.deadline() != null ? d.deadline().toString() : "派发后" + d.deadlineDays() + "个工作日",
                        d.status().label(),
                        d.overdueOn(today) ? "是" : service.signOverdue(d) ? "未签收" : "",
                        milestones.getOrDefault(d.id(), List.of()).stream()
                                .map(m -> m.dueDate() + " " + m.title() + (m.done() ? "（已完成）" : ""))
                                .collect(Collectors.joining("\n")),
                        String.join("、", d.tags()),
                        d.closureRating() == null ? "" : d.closureRating().label(),
                        d.parentId() == null ? "" : parentCodes.getOrDefault(d.parentId(), "")
                    };
                    sheet.row((long) r, values, looks);
                    r++;
                }
                progress.at(r - 1, order.size());
                if (start + chunk >= order.size()) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("export interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out.toByteArray();
    }

    /** One chunk of the view with everything its rows show, read from the database in one go. */
    private record Chunk(
            List<ItemData> rows,
            Map<Long, List<Long>> coUnits,
            Map<Long, List<Milestone>> milestones,
            Map<Long, List<ItemSource>> sources,
            Map<Long, String> unitNames,
            Map<Long, String> parentCodes) {}

    private Chunk read(CurrentUser user, List<Long> order, int start) {
        List<Long> chunkIds = order.subList(Math.min(start, order.size()), Math.min(order.size(), start + chunk));
        Map<Long, ItemData> byId = new java.util.HashMap<>();
        query.visible(user, chunkIds).forEach(d -> byId.put(d.id(), d));
        // in the view's order; an item gone since the ids were read is left out
        List<ItemData> rows = chunkIds.stream()
                .map(byId::get)
                .filter(java.util.Objects::nonNull)
                .toList();
        List<Long> ids = rows.stream().map(ItemData::id).toList();
        Map<Long, List<Long>> coUnits = query.coUnits(ids);
        Map<Long, String> unitNames = units.names(java.util.stream.Stream.concat(
                        rows.stream().map(ItemData::leadUnitId),
                        coUnits.values().stream().flatMap(List::stream))
                .collect(Collectors.toSet()));
        List<Long> parentIds = rows.stream()
                .map(ItemData::parentId)
                .filter(p -> p != null)
                .distinct()
                .toList();
        return new Chunk(
                rows,
                coUnits,
                query.milestones(ids),
                sources.ofItems(ids),
                unitNames,
                parentIds.isEmpty() ? Map.of() : query.codes(parentIds));
    }
}
