package org.luoshi.item.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.luoshi.DomainException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of a new or edited item, as an integration sends it: JSON the server cannot read is a
 * 400, a field of the wrong kind a 400 naming the field, never a 500.
 */
class ItemBodyFuzzTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @FuzzTest
    @Timeout(10)
    void anyBodyBecomesAnItemOrANamedRefusal(@NotNull String body) {
        Map<String, Object> fields;
        try {
            fields = JSON.readValue(body, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {});
        } catch (JacksonException unreadable) {
            return; // answered 400 by RefusalAdvice.unreadable
        }
        if (fields == null) {
            return;
        }
        try {
            assertThat(ItemApiController.read(fields)).isNotNull();
        } catch (DomainException refused) {
            assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(refused.field()).isNotBlank();
        }
    }
}
