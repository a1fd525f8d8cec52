package org.luoshi.demo;

import org.luoshi.security.CurrentUser;
import org.luoshi.suggestion.SuggestionService;
import org.springframework.stereotype.Component;

/**
 * The oversight side of the demo city: a few citizens' suggestions (waiting, answered and rated,
 * declined), the bulletins of the periods last ended, and this year's assessment scheme.
 */
@Component
class DemoOversight {

    private static final String ADDRESS = "demo-loader";

    private final SuggestionService suggestions;
    private final org.luoshi.bulletin.BulletinService bulletins;
    private final org.luoshi.assessment.AssessmentService assessments;
    private final java.time.Clock clock;

    DemoOversight(
            SuggestionService suggestions,
            org.luoshi.bulletin.BulletinService bulletins,
            org.luoshi.assessment.AssessmentService assessments,
            java.time.Clock clock) {
        this.suggestions = suggestions;
        this.bulletins = bulletins;
        this.assessments = assessments;
        this.clock = clock;
    }

    /** Last month's and last quarter's bulletins as drafts, and the year's schemes as drafts. */
    void oversee(CurrentUser supervisor, long city) {
        java.time.LocalDate today = java.time.LocalDate.now(clock);
        bulletins.draftDue(today);
        // counties and city departments are assessed apart, as cities do
        for (var group : java.util.List.of(
                org.luoshi.assessment.Scheme.Group.REGIONS, org.luoshi.assessment.Scheme.Group.DEPARTMENTS)) {
            assessments.create(
                    supervisor,
                    org.luoshi.assessment.AssessmentService.usual(
                                    city,
                                    "示范市" + today.getYear() + "年度"
                                            + (group == org.luoshi.assessment.Scheme.Group.REGIONS ? "区县" : "市直部门")
                                            + "督查督办目标绩效考核",
                                    today.withDayOfYear(1),
                                    today.withDayOfYear(today.lengthOfYear()),
                                    100)
                            .withGroup(group));
        }
    }

    void load(CurrentUser supervisor) {
        submit("TRAFFIC", "临江区滨江路公交站台没有遮雨棚，雨天候车很不方便，建议加装。", "13900001111");
        submit("ENVIRONMENT", "青山区东山街道某小区旁的河道夏天有异味，希望有关部门检查排污情况。", null);
        String answered = submit("SERVICE", "建议市政务服务大厅周六上午开放，方便上班族办理业务。", "13700002222");
        long id = idOf(supervisor, answered);
        suggestions.answer(supervisor, id, null, "市政务服务大厅自本月起每周六9:00—12:00开放，可办理社保、公积金、不动产登记等高频事项。");
        suggestions.rate(answered, "SATISFIED", "谢谢，周六办好了", ADDRESS);
        String declined = submit("OTHER", "我和邻居因为车位有纠纷，请政府帮我们处理。", null);
        suggestions.decline(supervisor, idOf(supervisor, declined), null, "属民事纠纷，建议向所在社区人民调解委员会申请调解，或依法向人民法院起诉。");
    }

    private String submit(String category, String content, String phone) {
        return suggestions.submit(
                new SuggestionService.Submission(category, content, null, phone, null, null, null, null, null),
                ADDRESS);
    }

    private long idOf(CurrentUser supervisor, String code) {
        return suggestions.list(supervisor, null, 0, 50).rows().stream()
                .filter(s -> s.trackingCode().equals(code))
                .findFirst()
                .orElseThrow()
                .id();
    }
}
