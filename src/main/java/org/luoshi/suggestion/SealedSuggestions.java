package org.luoshi.suggestion;

import java.util.List;
import java.util.function.UnaryOperator;
import org.luoshi.security.PersonalData;
import org.luoshi.security.SealedData;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The citizens' names and phone numbers, sealed: re-sealed on a key rotation, names of old rows sealed at start. */
@Component
class SealedSuggestions implements SealedData {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SealedSuggestions.class);

    private final JdbcClient jdbc;
    private final PersonalData personal;

    SealedSuggestions(JdbcClient jdbc, PersonalData personal) {
        this.jdbc = jdbc;
        this.personal = personal;
    }

    private record Row(long id, byte[] name, byte[] phone) {}

    @Override
    public int reseal(UnaryOperator<byte[]> reseal) {
        List<Row> rows = jdbc.sql("""
                        SELECT id, name_cipher, phone_cipher FROM suggestion
                         WHERE name_cipher IS NOT NULL OR phone_cipher IS NOT NULL ORDER BY id FOR UPDATE
                        """)
                .query((rs, i) -> new Row(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)))
                .list();
        int values = 0;
        for (Row r : rows) {
            byte[] name = r.name() == null ? null : reseal.apply(r.name());
            byte[] phone = r.phone() == null ? null : reseal.apply(r.phone());
            values += (name == null ? 0 : 1) + (phone == null ? 0 : 1);
            jdbc.sql("UPDATE suggestion SET name_cipher = :n, phone_cipher = :p WHERE id = :id")
                    .param("n", name)
                    .param("p", phone)
                    .param("id", r.id())
                    .update();
        }
        return values;
    }

    /** Rows written before names were sealed keep only a masked name in the clear from now on. */
    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void sealNamesWrittenBefore() {
        List<Object[]> open = jdbc.sql("""
                        SELECT id, citizen_name FROM suggestion
                         WHERE name_cipher IS NULL AND citizen_name IS NOT NULL FOR UPDATE
                        """)
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .list();
        for (Object[] row : open) {
            String name = (String) row[1];
            jdbc.sql("UPDATE suggestion SET name_cipher = :c, citizen_name = :m WHERE id = :id")
                    .param("c", personal.encrypt(name))
                    .param("m", PersonalData.maskName(name))
                    .param("id", row[0])
                    .update();
        }
        if (!open.isEmpty()) {
            log.info("已加密 {} 条意见建议中的提交人姓名", open.size());
        }
    }
}
