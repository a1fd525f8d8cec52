package org.luoshi.importing;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.luoshi.DomainException;

/**
 * Any uploaded file is read as a workbook or refused with a message, never a crash or a hang. In a
 * normal build this replays the inputs kept beside it; {@code .ci/run} fuzzes it for a fixed time.
 */
class SheetReaderFuzzTest {

    @FuzzTest
    @Timeout(10)
    void anyUploadIsReadOrRefusedPlainly(byte[] upload) {
        try {
            List<SheetRow> rows = SheetReader.read(new ByteArrayInputStream(upload), true);
            assertThat(rows).isNotNull();
        } catch (DomainException refused) {
            assertThat(refused.kind()).isEqualTo(DomainException.Kind.INVALID);
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
