package org.luoshi.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.luoshi.DomainException;
import org.luoshi.summary.OutlineSection.SectionKind;

/** The parser on small summaries written for these tests, one difficulty of real files each. */
class SummaryParserTest {

    private static final String COMPILATION = """
            内部资料 禁止外传
            扫码关注公众号，获取海量范文

            2026年上半年工作总结汇编（3篇）
            目录
            1.
            2.
            3.

            青山区水务局2026年上半年工作总结和下半年工作安排
            今年以来，区水务局围绕防汛保供两件大事，各项工作有序推进。
            一、上半年工作完成情况
            （一）防汛准备扎实。汛前排查隐患点12处，整改完成12处。
            （二）供水保障有力。新建管网X公里，改造老旧小区供水XX户。
            二、存在的问题
            一是部分管网老化。二是专业人员不足。
            三、下半年工作安排
            （一）抓好主汛期值守。落实24小时值班。
            （二）加快管网改造。年底前完成剩余改造。
            临江区教育局2026年上半年工作总结暨下半年工作打算
            一、上半年工作情况
            (一)学位供给持续扩大。新增学位×个。
            （一）教师队伍建设加强。招聘教师  名。
            （三）校园安全稳定。
            1．开展安全检查，覆盖全部学校。
            2、组织应急演练。
            二、下半年工作打算
            一是推进新校建设。确保秋季开学投用。
            二是深化课后服务。
            三是加强师德师风建设。
            """;

    private static List<ParsedDocument> parse(String text) {
        return SummaryParser.parse("fixture.txt", text);
    }

    @Test
    void advertisingAndAnEmptyTableOfContentsComeBeforeTheDocuments() {
        List<ParsedDocument> docs = parse(COMPILATION);

        assertThat(docs)
                .extracting(ParsedDocument::title)
                .containsExactly("青山区水务局2026年上半年工作总结和下半年工作安排", "临江区教育局2026年上半年工作总结暨下半年工作打算");
        assertThat(docs.getFirst().line()).isEqualTo(10);
        assertThat(docs.getFirst().preamble()).startsWith("今年以来");
    }

    @Test
    void aDocumentStartsRightAfterTheLastLineOfThePreviousOne() {
        ParsedDocument first = parse(COMPILATION).getFirst();

        assertThat(first.plans()).containsExactly("抓好主汛期值守", "加快管网改造");
        assertThat(parse(COMPILATION).get(1).line()).isEqualTo(20);
    }

    @Test
    void level1SectionsHaveTheirNumberAsWrittenAndTheirKind() {
        ParsedDocument first = parse(COMPILATION).getFirst();

        assertThat(first.sections())
                .extracting(
                        OutlineSection::level, OutlineSection::number, OutlineSection::heading, OutlineSection::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "一、", "上半年工作完成情况", SectionKind.summary),
                        org.assertj.core.groups.Tuple.tuple(1, "二、", "存在的问题", SectionKind.problems),
                        org.assertj.core.groups.Tuple.tuple(1, "三、", "下半年工作安排", SectionKind.plan));
    }

    @Test
    void aHeadingThatContinuesWithBodyTextOnItsLineIsSplitAtTheFullStop() {
        OutlineSection flood =
                parse(COMPILATION).getFirst().sections().getFirst().children().getFirst();

        assertThat(flood.number()).isEqualTo("（一）");
        assertThat(flood.heading()).isEqualTo("防汛准备扎实");
        assertThat(flood.text()).isEqualTo("汛前排查隐患点12处，整改完成12处。");
        assertThat(flood.level()).isEqualTo(2);
        assertThat(flood.kind()).isEqualTo(SectionKind.summary);
    }

    @Test
    void repeatedNumbersAndMixedWidthsAreKeptAsWritten() {
        OutlineSection work = parse(COMPILATION).get(1).sections().getFirst();

        assertThat(work.children()).extracting(OutlineSection::number).containsExactly("(一)", "（一）", "（三）");
        assertThat(work.children().get(2).children())
                .extracting(OutlineSection::number, OutlineSection::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("1．", 3), org.assertj.core.groups.Tuple.tuple("2、", 3));
    }

    @Test
    void enumeratedLinesUnderThePlanAreItsItems() {
        ParsedDocument education = parse(COMPILATION).get(1);

        assertThat(education.plans()).containsExactly("推进新校建设", "深化课后服务", "加强师德师风建设");
        assertThat(education.planItems().getFirst().detail()).isEqualTo("确保秋季开学投用。");
    }

    @Test
    void aSkippedFirstNumberLeavesItsChildrenAtTheirOwnLevel() {
        String text = """
                东湖街道2026年上半年工作总结
                今年以来，街道工作稳中有进。
                （一）基层组织建设。完成换届。
                （二）产业发展。引进项目3个。
                二、存在的问题
                人才不足。
                三、下半年重点工作
                一是抓党建。二是抓招商。
                """;
        ParsedDocument d = parse(text).getFirst();

        assertThat(d.sections())
                .extracting(OutlineSection::level, OutlineSection::number)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "（一）"),
                        org.assertj.core.groups.Tuple.tuple(2, "（二）"),
                        org.assertj.core.groups.Tuple.tuple(1, "二、"),
                        org.assertj.core.groups.Tuple.tuple(1, "三、"));
        // the plan is one paragraph of 一是…二是…: its items are split out of it
        assertThat(d.plans()).containsExactly("抓党建", "抓招商");
    }

    @Test
    void aBareHeadingWithoutNumberOpensThePlanAndIsNotTakenForATitle() {
        String text = """
                2026年上半年工作总结（区督查室）
                一、聚焦重点抓督查。开展专项督查5次。
                二、创新方式抓落实。
                下半年工作打算
                下半年，我们将重点做好以下工作。
                （一）强化督查问效。
                （二）严格考核评价。
                """;
        List<ParsedDocument> docs = parse(text);

        assertThat(docs).hasSize(1);
        OutlineSection plan = docs.getFirst().sections().getLast();
        assertThat(plan.number()).isEmpty();
        assertThat(plan.kind()).isEqualTo(SectionKind.plan);
        assertThat(plan.text()).isEqualTo("下半年，我们将重点做好以下工作。");
        assertThat(docs.getFirst().plans()).containsExactly("强化督查问效", "严格考核评价");
    }

    @Test
    void aDocumentWithoutAPlanHasNoPlans() {
        String text = """
                北岸县民政局2026年上半年工作总结
                一、抓好社会救助。发放救助金。
                二、推进养老服务。
                下半年，我局将继续努力，推动各项工作再上新台阶。
                """;
        ParsedDocument d = parse(text).getFirst();

        assertThat(d.plans()).isEmpty();
        assertThat(d.sections()).extracting(OutlineSection::kind).containsOnly(SectionKind.summary);
    }

    @Test
    void aPlanOfOneParagraphIsOneItem() {
        String text = """
                西城区供销社2026年上半年工作总结
                一、上半年工作
                开展农资下乡。
                二、下半年工作安排
                下半年，我社将围绕乡村振兴，做强农资供应和冷链物流。
                """;

        assertThat(parse(text).getFirst().plans()).containsExactly("下半年，我社将围绕乡村振兴，做强农资供应和冷链物流");
    }

    @Test
    void partsAboveChaptersAndTheOtherWaysOfNamingProblemsAndPlans() {
        String text = """
                南湖区商务局2026年上半年工作情况的报告
                第一部分 上半年工作回顾
                一、消费市场回暖。社零总额增长6%。
                二、外贸稳中有进。
                第二部分 困难和问题
                需求不足。
                第三部分 下步工作措施
                一、抓促消费。
                二、稳外贸。
                三、优环境。
                """;
        ParsedDocument d = parse(text).getFirst();

        assertThat(d.title()).isEqualTo("南湖区商务局2026年上半年工作情况的报告");
        assertThat(d.sections())
                .extracting(OutlineSection::level, OutlineSection::number, OutlineSection::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "第一部分", SectionKind.summary),
                        org.assertj.core.groups.Tuple.tuple(1, "第二部分", SectionKind.problems),
                        org.assertj.core.groups.Tuple.tuple(1, "第三部分", SectionKind.plan));
        assertThat(d.sections().getFirst().children())
                .extracting(OutlineSection::level)
                .containsOnly(2);
        assertThat(d.plans()).containsExactly("抓促消费", "稳外贸", "优环境");
    }

    @Test
    void headingsAreKindedByWhatTheySay() {
        assertThat(SummaryParser.kind("二、2026年重点工作完成情况", false)).isEqualTo(SectionKind.summary);
        assertThat(SummaryParser.kind("三、2027年工作打算", true)).isEqualTo(SectionKind.plan);
        assertThat(SummaryParser.kind("四、下一步努力方向", true)).isEqualTo(SectionKind.plan);
        assertThat(SummaryParser.kind("二、存在的不足", true)).isEqualTo(SectionKind.problems);
        assertThat(SummaryParser.kind("二、问题与短板", true)).isEqualTo(SectionKind.problems);
        assertThat(SummaryParser.kind("五、结束语", true)).isEqualTo(SectionKind.other);
    }

    @Test
    void maskedFiguresAreCountedButMaskedNamesAreNot() {
        assertThat(SummaryParser.placeholders("开展督查X余次，编发通报XX期，投入×万元")).isEqualTo(3);
        assertThat(SummaryParser.placeholders("XX市发改委和X县供销社")).isZero();
        assertThat(SummaryParser.placeholders("招聘教师  名，完成____项")).isEqualTo(2);
        assertThat(SummaryParser.placeholders("使用Excel和XML文件")).isZero();
        assertThat(parse(COMPILATION).get(1).placeholders()).isEqualTo(2);
    }

    @Test
    void theSameSummaryUnderAnotherTitleIsMarkedAsADuplicate() {
        String body = """
                一、上半年工作完成情况
                （一）重点项目建设提速。全区重点项目完成投资十二亿元，开工率达到九成以上。
                （二）营商环境持续优化。企业开办时间压缩到一个工作日以内。
                二、下半年工作计划
                （一）抓项目。（二）抓服务。
                """;
        ParsedSummaries parsed = ParsedSummaries.of(List.of(
                new ParsedSummaries.Input("a.txt", ("2026年上半年工作总结（发改局）\n" + body).getBytes(StandardCharsets.UTF_8)),
                new ParsedSummaries.Input(
                        "b.txt", ("南湖区发展改革局2026年上半年工作总结暨下半年工作谋划\n" + body).getBytes(StandardCharsets.UTF_8))));

        assertThat(parsed.documents()).extracting(ParsedDocument::duplicateOf).containsExactly(null, 0);
    }

    @Test
    void aGbkTextFileReadsLikeItsUtf8Twin() {
        byte[] gbk = COMPILATION.getBytes(Charset.forName("GB18030"));

        assertThat(SummaryFiles.text("总结.txt", gbk)).isEqualTo(COMPILATION);
    }

    @Test
    void aDocxIsReadParagraphByParagraph() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XWPFDocument doc = new XWPFDocument()) {
            for (String line : COMPILATION.split("\n")) {
                doc.createParagraph().createRun().setText(line);
            }
            doc.write(out);
        }
        List<ParsedDocument> docs = ParsedSummaries.of(List.of(new ParsedSummaries.Input("总结.docx", out.toByteArray())))
                .documents();

        assertThat(docs).hasSize(2);
        assertThat(docs.get(1).plans()).hasSize(3);
    }

    @Test
    void badFilesAreRefusedWithAPlainReason() {
        assertThatThrownBy(() -> SummaryFiles.text("a.txt", new byte[0]))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("空");
        assertThatThrownBy(() -> SummaryFiles.text("a.docx", "PK not really a zip".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("不是有效的 Word 文档");
        assertThatThrownBy(() -> SummaryFiles.text("a.txt", new byte[SummaryFiles.MAX_BYTES + 1]))
                .hasMessageContaining("10 MB");
        assertThatThrownBy(() -> SummaryFiles.text("a.txt", new byte[] {0, 1, 2, 3, 4, 5, 0, 0, 7, 8}))
                .hasMessageContaining("不是文本");
        assertThatThrownBy(() -> SummaryFiles.text("a.doc", "x".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining(".docx");
    }

    @Test
    void aDocxThatInflatesHugelyIsRefusedAsABomb() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write(
                    ("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
                            .getBytes(StandardCharsets.UTF_8));
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] spaces = new byte[1024 * 1024];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 50; i++) {
                zip.write(spaces);
            }
        }
        assertThat(out.size()).isLessThan(200_000);

        assertThatThrownBy(() -> SummaryFiles.text("bomb.docx", out.toByteArray()))
                .isInstanceOf(DomainException.class)
                .hasMessageContaining("压缩炸弹");
    }
}
