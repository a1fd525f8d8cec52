package org.luoshi.item;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.luoshi.DomainException;
import org.luoshi.security.CurrentUser;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

/** 佐证材料: stored in the database, type-checked on the way in, scope-checked on the way out. */
@Service
public class EvidenceService {

    private static final int MAX_NAME = 200;

    private final JdbcClient jdbc;
    private final ItemService items;
    private final ApplicationEventPublisher events;
    private final long maxBytes;

    EvidenceService(
            JdbcClient jdbc,
            ItemService items,
            ApplicationEventPublisher events,
            @Value("${luoshi.files.max-size:20MB}") DataSize maxSize) {
        this.jdbc = jdbc;
        this.items = items;
        this.events = events;
        this.maxBytes = maxSize.toBytes();
    }

    public record Download(EvidenceFile file, byte[] data, String contentType) {}

    /** A file as it arrived in a request. */
    public record Upload(String name, byte[] data) {}

    /**
     * 申请办结 with the evidence attached to the same form: the files and the request land together,
     * or, if one file or the request is refused, none of them.
     */
    @Transactional
    public ItemData requestClosure(
            CurrentUser user, long itemId, Integer version, String conclusion, List<Upload> files) {
        ItemData item = items.get(user, itemId);
        if (!items.actionsFor(user, item).contains("request-closure")) {
            // refuse with the item's own reason before storing anything
            return items.requestClosure(user, itemId, version, conclusion);
        }
        for (Upload f : files) {
            upload(user, itemId, f.name(), f.data());
        }
        return items.requestClosure(user, itemId, version, conclusion);
    }

    /** The lead unit and the supervisors may add evidence; everyone who sees the item may read it. */
    @Transactional
    public EvidenceFile upload(CurrentUser user, long itemId, String originalName, byte[] data) {
        ItemData item = items.get(user, itemId);
        if (!items.mayAddEvidence(user, item)) {
            throw ItemRefusals.notAllowed("上传佐证材料", "牵头单位或辖区督查员");
        }
        long id = store(item, originalName, data, user.username());
        return list(user, itemId).stream().filter(f -> f.id() == id).findFirst().orElseThrow();
    }

    /** Evidence that came with an item taken over from paper (ledger import, demo city): checked alike. */
    @Transactional
    public void takeOver(long itemId, String originalName, byte[] data, String by) {
        store(items.find(itemId).orElseThrow(ItemService::notFound), originalName, data, by);
    }

    private long store(ItemData item, String originalName, byte[] data, String by) {
        long itemId = item.id();
        String name = cleanName(originalName);
        if (data == null || data.length == 0) {
            throw DomainException.invalid("file.empty", "file", "文件“{0}”是空的", name);
        }
        if (data.length > maxBytes) {
            throw DomainException.invalid(
                    "file.large", "file", "文件“{0}”有{1}，超过{2}的上限", name, mb(data.length), mb(maxBytes));
        }
        FileType type = FileType.of(name, Arrays.copyOf(data, Math.min(8, data.length)))
                .orElseThrow(() -> DomainException.invalid(
                        "file.type", "file", "文件“{0}”的类型不允许或与扩展名不符，允许：{1}", name, FileType.allowed()));
        long id = jdbc.sql("""
                        INSERT INTO item_file (item_id, name, content_type, size, sha256, data, uploaded_by)
                        VALUES (:item, :name, :type, :size, :sha, :data, :by) RETURNING id
                        """)
                .param("item", itemId)
                .param("name", name)
                .param("type", type.contentTypeFor(name))
                .param("size", data.length)
                .param("sha", sha256(data))
                .param("data", data)
                .param("by", by)
                .query(Long.class)
                .single();
        jdbc.sql("INSERT INTO item_event (item_id, actor, type, text) VALUES (:i, :a, 'FILE', :t)")
                .param("i", itemId)
                .param("a", by)
                .param("t", "上传佐证材料：" + name)
                .update();
        events.publishEvent(new ItemEvent(
                itemId, item.code(), "FILE", "上传佐证材料“" + name + "”（" + mb(data.length) + "）", null, null));
        return id;
    }

    public List<EvidenceFile> list(CurrentUser user, long itemId) {
        items.get(user, itemId);
        return jdbc.sql("""
                SELECT id, item_id, name, content_type, size, sha256, uploaded_by, uploaded_at
                  FROM item_file WHERE item_id = :i ORDER BY id
                """).param("i", itemId).query(EvidenceFile.class).list();
    }

    /** Only through an item the user may see; another item's file id is "not found". */
    public Download download(CurrentUser user, long itemId, long fileId) {
        items.get(user, itemId);
        EvidenceFile file = jdbc.sql("""
                        SELECT id, item_id, name, content_type, size, sha256, uploaded_by, uploaded_at
                          FROM item_file WHERE id = :f AND item_id = :i
                        """)
                .param("f", fileId)
                .param("i", itemId)
                .query(EvidenceFile.class)
                .optional()
                .orElseThrow(() -> DomainException.notFound("file.notFound", "文件不存在"));
        byte[] data = jdbc.sql("SELECT data FROM item_file WHERE id = :f")
                .param("f", fileId)
                .query(byte[].class)
                .single();
        return new Download(file, data, file.contentType());
    }

    /** Keeps the name people gave it, without paths or control characters. */
    static String cleanName(String original) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1)
                .replaceAll("[\\p{Cntrl}\"<>|*?:]", "_")
                .strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw DomainException.invalid("file.name", "file", "请选择要上传的文件");
        }
        if (name.length() > MAX_NAME) {
            String ext = FileType.extension(name);
            name = name.substring(0, MAX_NAME - ext.length() - 1) + "." + ext;
        }
        return name;
    }

    static String mb(long bytes) {
        return bytes >= 1024 * 1024
                ? String.format("%.1f MB", bytes / 1024.0 / 1024.0)
                : String.format("%.0f KB", Math.ceil(bytes / 1024.0));
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
