package org.luoshi.demo;

import org.luoshi.security.CurrentUser;
import org.luoshi.suggestion.SuggestionService;
import org.springframework.stereotype.Component;

/** A few citizens' suggestions in the demo city: waiting, answered and rated, declined. */
@Component
class DemoSuggestions {

    private static final String ADDRESS = "demo-loader";

    private final SuggestionService suggestions;

    DemoSuggestions(SuggestionService suggestions) {
        this.suggestions = suggestions;
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
