package org.luoshi.suggestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luoshi.security.PersonalData;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A citizen's name and phone are kept sealed, shown masked, revealed to the handler, and survive a key rotation. */
class SealedContactIT extends IntegrationTest {

    @Autowired
    PersonalData personal;

    @Autowired
    SealedSuggestions sealed;

    private long submit(String name, String phone, String from) {
        Map<String, Object> body = new HashMap<>(Map.of("category", "URBAN", "content", "小区门口积水严重，请尽快处理。"));
        body.put("name", name);
        body.put("phone", phone);
        Api.Response made = api().from(from).post("/api/v1/public/suggestions", null, body);
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return jdbc.sql("SELECT id FROM suggestion WHERE tracking_code = :c")
                .param("c", made.json().get("trackingCode").asString())
                .query(Long.class)
                .single();
    }

    private Map<String, Object> row(long id) {
        return jdbc.sql("SELECT citizen_name, name_cipher, phone_cipher FROM suggestion WHERE id = :id")
                .param("id", id)
                .query()
                .singleRow();
    }

    private JsonNode reveal(Api api, String supervisor, long id) {
        Api.Response r = api.post("/api/v1/suggestions/" + id + "/phone", supervisor, Map.of());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theNameIsSealedLikeThePhoneAndBothSurviveAKeyRotation() {
        long id = submit("欧阳明月", "13912345678", "203.0.113.21");
        Map<String, Object> stored = row(id);
        assertThat(stored.get("citizen_name")).isEqualTo("欧***");
        assertThat(new String((byte[]) stored.get("name_cipher"), StandardCharsets.UTF_8))
                .doesNotContain("明月");

        Api api = api();
        String supervisor = api.token("supervisor", DEMO_PASSWORD);
        JsonNode seen = api.get("/api/v1/suggestions/" + id, supervisor).json();
        assertThat(seen.toString()).doesNotContain("欧阳明月").contains("欧***");
        api.post(
                "/api/v1/suggestions/" + id + "/claim",
                supervisor,
                Map.of("version", seen.get("version").asInt()));
        JsonNode contact = reveal(api, supervisor, id);
        assertThat(contact.get("name").asString()).isEqualTo("欧阳明月");
        assertThat(contact.get("phone").asString()).isEqualTo("13912345678");

        byte[] keyBefore = jdbc.sql("SELECT key_bytes FROM crypto_key WHERE name = 'personal-data'")
                .query(byte[].class)
                .single();
        long sealedValues = jdbc.sql("SELECT count(name_cipher) + count(phone_cipher) FROM suggestion")
                .query(Long.class)
                .single();
        PersonalData.Rotation rotation = personal.rotate(null);
        assertThat(rotation.values()).isEqualTo(sealedValues);
        assertThat(rotation.configured()).isFalse();
        assertThat(rotation.generatedKey())
                .as("a stored key is replaced, never printed")
                .isNull();
        Map<String, Object> after = row(id);
        assertThat((byte[]) after.get("phone_cipher")).isNotEqualTo(stored.get("phone_cipher"));
        assertThat((byte[]) after.get("name_cipher")).isNotEqualTo(stored.get("name_cipher"));
        assertThat(jdbc.sql("SELECT key_bytes FROM crypto_key WHERE name = 'personal-data'")
                        .query(byte[].class)
                        .single())
                .isNotEqualTo(keyBefore);
        assertThat(reveal(api, supervisor, id).get("name").asString()).isEqualTo("欧阳明月");
        assertThat(reveal(api, supervisor, id).get("phone").asString()).isEqualTo("13912345678");
        assertThat(auditCount("key.rotated", "personal-data")).isPositive();
    }

    @Test
    void aValueThatDoesNotOpenRefusesTheWholeRotation() {
        long good = submit("李雷", "13700001111", "203.0.113.22");
        long bad = submit("韩梅梅", "13700002222", "203.0.113.23");
        byte[] badPhone = (byte[]) row(bad).get("phone_cipher");
        byte[] goodPhone = (byte[]) row(good).get("phone_cipher");
        byte[] keyBefore = jdbc.sql("SELECT key_bytes FROM crypto_key WHERE name = 'personal-data'")
                .query(byte[].class)
                .single();
        byte[] damaged = badPhone.clone();
        damaged[damaged.length - 1] ^= 1;
        jdbc.sql("UPDATE suggestion SET phone_cipher = :c WHERE id = :id")
                .param("c", damaged)
                .param("id", bad)
                .update();
        try {
            assertThatThrownBy(() -> personal.rotate("00112233445566778899aabbccddeeff"))
                    .hasMessageContaining("密文已损坏或密钥不符");
            assertThat((byte[]) row(good).get("phone_cipher")).isEqualTo(goodPhone);
            assertThat(jdbc.sql("SELECT key_bytes FROM crypto_key WHERE name = 'personal-data'")
                            .query(byte[].class)
                            .single())
                    .isEqualTo(keyBefore);
            assertThat(personal.decrypt(goodPhone)).isEqualTo("13700001111");
        } finally {
            jdbc.sql("UPDATE suggestion SET phone_cipher = :c WHERE id = :id")
                    .param("c", badPhone)
                    .param("id", bad)
                    .update();
        }
        assertThatThrownBy(() -> personal.rotate("abc")).hasMessageContaining("32 位十六进制");
    }

    @Test
    void namesWrittenBeforeSealingAreSealedAtStart() {
        long id = submit("张三", null, "203.0.113.24");
        // as a row written before names were sealed
        jdbc.sql("UPDATE suggestion SET citizen_name = '张三丰', name_cipher = NULL WHERE id = :id")
                .param("id", id)
                .update();
        sealed.sealNamesWrittenBefore();
        Map<String, Object> now = row(id);
        assertThat(now.get("citizen_name")).isEqualTo("张**");
        assertThat(personal.decrypt((byte[]) now.get("name_cipher"))).isEqualTo("张三丰");
    }
}
