package org.luoshi.importing;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImportParsingTest {

    @Test
    void deadlinesAsOfficesWriteThem() {
        assertThat(Dates.parse("2026-06-30", 2026)).isEqualTo(of(2026, 6, 30));
        assertThat(Dates.parse("2026/6/30", 2026)).isEqualTo(of(2026, 6, 30));
        assertThat(Dates.parse("2026.6.30", 2026)).isEqualTo(of(2026, 6, 30));
        assertThat(Dates.parse("2026年6月30日前", 2026)).isEqualTo(of(2026, 6, 30));
        assertThat(Dates.parse("２０２６年６月底", 2026)).as("full-width digits").isEqualTo(of(2026, 6, 30));
        assertThat(Dates.parse("2026年2月", 2026)).isEqualTo(of(2026, 2, 28));
        assertThat(Dates.parse("9月底前", 2026)).isEqualTo(of(2026, 9, 30));
        assertThat(Dates.parse("年底前", 2027)).isEqualTo(of(2027, 12, 31));
        assertThat(Dates.parse("6/30/26", 2026))
                .as("Excel's default date format")
                .isEqualTo(of(2026, 6, 30));
        assertThat(Dates.parse("长期坚持", 2026)).isNull();
        assertThat(Dates.parse("2026年2月30日", 2026)).as("no such day").isNull();
        assertThat(Dates.parse("13月底", 2026)).isNull();
    }

    @Test
    void headersByTheNamesOfficesUse() {
        assertThat(Column.of("重点任务")).isEqualTo(Column.TITLE);
        assertThat(Column.of("工作 任务")).isEqualTo(Column.TITLE);
        assertThat(Column.of("责任单位")).isEqualTo(Column.LEAD_UNIT);
        assertThat(Column.of("责任领导\n")).isEqualTo(Column.LEADER);
        assertThat(Column.of("时间节点")).isEqualTo(Column.DEADLINE);
        assertThat(Column.of("完成时限（年月日）")).isEqualTo(Column.DEADLINE);
        assertThat(Column.of("目标值(亿元)")).isEqualTo(Column.TARGET);
        assertThat(Column.of("工作措施")).isEqualTo(Column.CONTENT);
        assertThat(Column.of("配合单位：")).isEqualTo(Column.CO_UNITS);
        assertThat(Column.of("备注")).isNull();
    }

    @Test
    void namesWithTheirShortFormsAndWidths() {
        NameMatcher m = new NameMatcher();
        m.add(1, "临江区人民政府", "临江区");
        m.add(2, "市发展和改革委员会", "市发改委");
        m.add(3, "江北街道");
        m.add(4, "江北街道");
        assertThat(m.find("临江区")).isEqualTo(1);
        assertThat(m.find("临江区政府")).isEqualTo(1);
        assertThat(m.find("临江区 人民政府")).isEqualTo(1);
        assertThat(m.find("市发改委")).isEqualTo(2);
        assertThat(m.find("市发展和改革委员会")).isEqualTo(2);
        assertThat(m.find("江北街道")).as("two units of that name").isNull();
        assertThat(m.ambiguous("江北街道")).isTrue();
        NameMatcher leaders = new NameMatcher();
        leaders.add(9, "张志远");
        assertThat(leaders.find("张志远副市长")).isEqualTo(9);
        assertThat(leaders.find("李四")).isNull();
        assertThat(LedgerImporter.split("市发改委、市财政局，市住建局;临江区")).containsExactly("市发改委", "市财政局", "市住建局", "临江区");
    }
}
