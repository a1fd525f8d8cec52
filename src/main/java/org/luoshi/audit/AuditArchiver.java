package org.luoshi.audit;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.sql.DataSource;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.DataClassRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * 审计日志归档. Chained records older than the online retention go to a gzip'd JSON-lines file,
 * written, fsynced and read back before anything leaves the table; then, in one transaction, an
 * anchor (range, last hash, the file's SM3, all MACed under the audit key) is stored and the
 * records deleted. Verify carries the chain on from the anchors; {@link #check} proves a file
 * against its anchor. Nothing is archived from a chain that does not verify.
 */
@Component
public class AuditArchiver {

    /** The Cybersecurity Law keeps network logs at least six months: never less online. */
    public static final int MIN_RETENTION_DAYS = 180;

    static final String FORMAT = "luoshi-audit-archive";

    private final JdbcTemplate stream;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditKey key;
    private final AuditChainer chainer;
    private final AuditVerifier verifier;
    private final ApplicationEventPublisher events;
    private final JsonMapper json;
    private final Clock clock;

    AuditArchiver(
            DataSource dataSource,
            JdbcClient jdbc,
            TransactionTemplate tx,
            AuditKey key,
            AuditChainer chainer,
            AuditVerifier verifier,
            ApplicationEventPublisher events,
            JsonMapper json,
            Clock clock) {
        this.stream = new JdbcTemplate(dataSource);
        this.stream.setFetchSize(1_000);
        this.jdbc = jdbc;
        this.tx = tx;
        this.key = key;
        this.chainer = chainer;
        this.verifier = verifier;
        this.events = events;
        this.json = json;
        this.clock = clock;
    }

    /** What an archiving run did, or why it did nothing. */
    public record Archived(long records, long firstSeq, long lastSeq, Instant oldest, Instant newest, String refusal) {

        static Archived refused(String why) {
            return new Archived(0, 0, 0, null, null, why);
        }
    }

    /** What checking an archive file found: its records, or the first thing wrong. */
    public record Checked(long records, long firstSeq, long lastSeq, String problem) {}

    /** An archive's anchor as stored; its MAC binds every field but the file's name. */
    record Anchor(
            long firstSeq,
            long lastSeq,
            String firstPrevHash,
            String lastHash,
            long records,
            String fileSm3,
            String anchorMac) {

        /** The same anchor with its MAC under the key, ready to be stored. */
        Anchor sealed(AuditKey key) {
            return new Anchor(firstSeq, lastSeq, firstPrevHash, lastHash, records, fileSm3, expectedMac(key));
        }

        String expectedMac(AuditKey key) {
            return key.mac(String.join(
                    "\u001f",
                    FORMAT,
                    Long.toString(firstSeq),
                    Long.toString(lastSeq),
                    firstPrevHash,
                    lastHash,
                    Long.toString(records),
                    fileSm3));
        }
    }

    /**
     * Moves every chained record older than {@code olderThanDays} days into {@code to}. The file is
     * proven by reading it back (chain under the key, count, SM3), so a record altered between the
     * chain's verification and its writing is caught there, before anything is deleted.
     */
    public Archived archive(Path to, int olderThanDays) {
        if (olderThanDays < MIN_RETENTION_DAYS) {
            return Archived.refused("审计记录须在线保存至少 " + MIN_RETENTION_DAYS + " 天（《网络安全法》要求不少于六个月），--older-than 不能小于此数");
        }
        if (Files.exists(to)) {
            return Archived.refused("文件已存在，不会覆盖：" + to);
        }
        chainer.chainPending();
        AuditVerification v = verifier.verify();
        if (!v.intact()) {
            return Archived.refused("审计链未通过校验，未作归档：" + v.problem());
        }
        Optional<Anchor> previous = anchors(jdbc).stream().reduce((a, b) -> b);
        long first = previous.map(a -> a.lastSeq() + 1).orElse(1L);
        String prevHash = previous.map(Anchor::lastHash).orElse(ChainedRecord.GENESIS);
        Instant cutoff = clock.instant().minus(Duration.ofDays(olderThanDays));
        // a prefix of the chain: it stops before the first record that is still within the retention
        Long last = jdbc.sql("""
                        SELECT coalesce((SELECT min(chain_seq) FROM audit_event
                                          WHERE chain_seq IS NOT NULL AND occurred_at >= :cutoff) - 1,
                                        (SELECT max(chain_seq) FROM audit_event))
                        """)
                .param("cutoff", OffsetDateTime.ofInstant(cutoff, java.time.ZoneOffset.UTC))
                .query(Long.class)
                .optional()
                .orElse(null);
        if (last == null || last < first) {
            return new Archived(0, first, first - 1, null, null, null);
        }
        Path partial = to.resolveSibling(to.getFileName() + ".partial");
        Written w;
        try {
            w = write(partial, first, last, prevHash);
            Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("写归档文件失败：" + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                // left for the operator; it is named .partial
            }
        }
        Anchor anchor = new Anchor(first, last, prevHash, w.lastHash, w.records, w.sm3, null).sealed(key);
        // what is on disk is read back and proven before a record leaves the table
        Checked read = checkFile(to, anchor);
        if (read.problem() != null) {
            return Archived.refused("归档文件读回校验失败，未删除任何记录：" + read.problem());
        }
        Anchor stored = anchor;
        tx.executeWithoutResult(status -> {
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)")
                    .param("key", AuditChainer.LOCK_KEY)
                    .query()
                    .listOfRows();
            long anchorId = jdbc.sql("""
                            INSERT INTO audit_archive (first_seq, last_seq, first_prev_hash, last_hash, records, oldest_at,
                                                       newest_at, file_name, file_sm3, anchor_mac)
                            VALUES (:first, :last, :prev, :hash, :records, :oldest, :newest, :file, :sm3, :mac)
                            RETURNING id
                            """)
                    .param("first", stored.firstSeq())
                    .param("last", stored.lastSeq())
                    .param("prev", stored.firstPrevHash())
                    .param("hash", stored.lastHash())
                    .param("records", stored.records())
                    .param("oldest", OffsetDateTime.ofInstant(w.oldest, java.time.ZoneOffset.UTC))
                    .param("newest", OffsetDateTime.ofInstant(w.newest, java.time.ZoneOffset.UTC))
                    .param("file", to.getFileName().toString())
                    .param("sm3", stored.fileSm3())
                    .param("mac", stored.anchorMac())
                    .query(Long.class)
                    .single();
            jdbc.sql("SELECT set_config('luoshi.audit_archiving', 'on', true)")
                    .query()
                    .listOfRows();
            int deleted = jdbc.sql("DELETE FROM audit_event WHERE chain_seq BETWEEN :first AND :last")
                    .param("first", stored.firstSeq())
                    .param("last", stored.lastSeq())
                    .update();
            if (deleted != stored.records()) {
                throw new IllegalStateException("归档范围内应有 " + stored.records() + " 条记录，实有 " + deleted + " 条");
            }
            events.publishEvent(new AuditArchived(
                    anchorId, stored, w.oldest, w.newest, to.getFileName().toString()));
        });
        return new Archived(w.records, first, last, w.oldest, w.newest, null);
    }

    /** Proves an archive file: its chain under the key, and that it is the file its anchor names. */
    public Checked check(Path file) {
        Header header;
        try {
            header = header(file);
        } catch (IOException | RuntimeException e) {
            return new Checked(0, 0, 0, "不是可读的审计归档文件：" + e.getMessage());
        }
        Optional<Anchor> anchor = anchors(jdbc).stream()
                .filter(a -> a.firstSeq() == header.firstSeq)
                .findFirst();
        if (anchor.isEmpty()) {
            return new Checked(0, header.firstSeq, header.lastSeq, "数据库中没有起于第 " + header.firstSeq + " 条的归档记录");
        }
        if (!anchor.get().expectedMac(key).equals(anchor.get().anchorMac())) {
            return new Checked(0, header.firstSeq, header.lastSeq, "这份归档在数据库中的锚点已被改动（校验码不符）");
        }
        return checkFile(file, anchor.get());
    }

    /** The anchors in chain order; verify carries the live chain on from the last one. */
    static java.util.List<Anchor> anchors(JdbcClient jdbc) {
        return jdbc.sql("""
                        SELECT first_seq, last_seq, first_prev_hash, last_hash, records, file_sm3, anchor_mac
                          FROM audit_archive ORDER BY first_seq
                        """).query(Anchor.class).list();
    }

    private record Written(long records, String lastHash, String sm3, Instant oldest, Instant newest) {}

    private record Header(long firstSeq, long lastSeq, long records) {}

    private Written write(Path partial, long first, long last, String prevHash) throws IOException {
        SM3Digest digest = new SM3Digest();
        long[] count = {0};
        String[] lastHash = {prevHash};
        Instant[] span = {null, null};
        try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream file = new DigestingOutput(java.nio.channels.Channels.newOutputStream(channel), digest);
                GZIPOutputStream gzip = new GZIPOutputStream(file, 1 << 16);
                BufferedWriter out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8))) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("format", FORMAT);
            header.put("version", 1);
            header.put("firstSeq", first);
            header.put("lastSeq", last);
            header.put("firstPrevHash", prevHash);
            header.put("records", last - first + 1);
            out.write(json.writeValueAsString(header));
            out.write('\n');
            DataClassRowMapper<ChainedRecord> mapper = new DataClassRowMapper<>(ChainedRecord.class);
            stream.query(
                    AuditSql.SELECT_RECORD.replace("SELECT id,", "SELECT chain_seq, hash, id,")
                            + " WHERE chain_seq BETWEEN ? AND ? ORDER BY chain_seq",
                    rs -> {
                        ChainedRecord r = mapper.mapRow(rs, 0);
                        long seq = rs.getLong("chain_seq");
                        try {
                            out.write(json.writeValueAsString(line(seq, rs.getString("hash"), r)));
                            out.write('\n');
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        lastHash[0] = rs.getString("hash");
                        Instant at = r.occurredAt().toInstant();
                        span[0] = span[0] == null || at.isBefore(span[0]) ? at : span[0];
                        span[1] = span[1] == null || at.isAfter(span[1]) ? at : span[1];
                        count[0]++;
                    },
                    first,
                    last);
            out.flush();
            gzip.finish();
            file.flush();
            channel.force(true);
        }
        if (count[0] != last - first + 1) {
            throw new IOException("归档范围内的记录数不符");
        }
        return new Written(count[0], lastHash[0], HexFormat.of().formatHex(finish(digest)), span[0], span[1]);
    }

    private static Map<String, Object> line(long seq, String hash, ChainedRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("hash", hash);
        m.put("id", r.id());
        m.put("occurredAt", r.occurredAt().toInstant().toString());
        m.put("actor", r.actor());
        m.put("address", r.address());
        m.put("action", r.action());
        m.put("outcome", r.outcome());
        m.put("targetType", r.targetType());
        m.put("targetId", r.targetId());
        m.put("summary", r.summary());
        m.put("before", r.before());
        m.put("after", r.after());
        return m;
    }

    private Header header(Path file) throws IOException {
        try (BufferedReader in = reader(Files.newInputStream(file))) {
            return headerOf(json.readTree(in.readLine()));
        }
    }

    private Checked checkFile(Path file, Anchor anchor) {
        long seq = anchor.firstSeq();
        String previous = anchor.firstPrevHash();
        long records = 0;
        // the chain first, so that an altered record is named; then the file as a whole
        try (BufferedReader in = reader(Files.newInputStream(file))) {
            Header h = headerOf(json.readTree(in.readLine()));
            if (h.firstSeq != anchor.firstSeq() || h.lastSeq != anchor.lastSeq() || h.records != anchor.records()) {
                return new Checked(0, h.firstSeq, h.lastSeq, "文件头与数据库中的归档记录不符");
            }
            for (String text = in.readLine(); text != null; text = in.readLine()) {
                JsonNode n = json.readTree(text);
                ChainedRecord r = new ChainedRecord(
                        n.get("id").asLong(),
                        OffsetDateTime.ofInstant(
                                Instant.parse(n.get("occurredAt").asString()), java.time.ZoneOffset.UTC),
                        text(n, "actor"),
                        text(n, "address"),
                        n.get("action").asString(),
                        n.get("outcome").asString(),
                        text(n, "targetType"),
                        text(n, "targetId"),
                        n.get("summary").asString(),
                        text(n, "before"),
                        text(n, "after"));
                long at = n.get("seq").asLong();
                if (at != seq) {
                    return new Checked(records, anchor.firstSeq(), anchor.lastSeq(), "缺少第 " + seq + " 条记录");
                }
                String hash = r.keyedHash(seq, previous, key);
                if (!hash.equals(n.get("hash").asString())) {
                    return new Checked(
                            records,
                            anchor.firstSeq(),
                            anchor.lastSeq(),
                            "第 " + seq + " 条记录（id " + r.id() + "）的内容已被篡改");
                }
                previous = hash;
                seq++;
                records++;
            }
        } catch (IOException | RuntimeException e) {
            return new Checked(records, anchor.firstSeq(), anchor.lastSeq(), "归档文件无法读完：" + e.getMessage());
        }
        if (records != anchor.records() || !previous.equals(anchor.lastHash())) {
            return new Checked(records, anchor.firstSeq(), anchor.lastSeq(), "归档文件的记录不全（止于第 " + (seq - 1) + " 条）");
        }
        try {
            if (!sm3(file).equals(anchor.fileSm3())) {
                return new Checked(
                        records, anchor.firstSeq(), anchor.lastSeq(), "归档文件的 SM3 摘要与数据库中记载的不符（文件被改动或换成了别的文件）");
            }
        } catch (IOException e) {
            return new Checked(records, anchor.firstSeq(), anchor.lastSeq(), "归档文件无法读取：" + e.getMessage());
        }
        return new Checked(records, anchor.firstSeq(), anchor.lastSeq(), null);
    }

    private static Header headerOf(JsonNode h) throws IOException {
        if (h == null || !FORMAT.equals(h.path("format").asString(""))) {
            throw new IOException("缺少归档文件头");
        }
        return new Header(
                h.get("firstSeq").asLong(),
                h.get("lastSeq").asLong(),
                h.get("records").asLong());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

    private static BufferedReader reader(InputStream raw) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(raw, 1 << 16), StandardCharsets.UTF_8));
    }

    private static String sm3(Path file) throws IOException {
        SM3Digest digest = new SM3Digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(finish(digest));
    }

    private static byte[] finish(SM3Digest digest) {
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** Feeds every byte written to the file into its SM3. */
    private static final class DigestingOutput extends FilterOutputStream {
        private final SM3Digest digest;

        DigestingOutput(OutputStream out, SM3Digest digest) {
            super(out);
            this.digest = digest;
        }

        @Override
        public void write(int b) throws IOException {
            digest.update((byte) b);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            digest.update(b, off, len);
            out.write(b, off, len);
        }
    }
}
