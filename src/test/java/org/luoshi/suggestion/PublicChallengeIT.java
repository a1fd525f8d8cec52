package org.luoshi.suggestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The question on the public form, as a real deployment asks it (the demo does not). */
@TestPropertySource(properties = "luoshi.public.challenge=on")
class PublicChallengeIT extends IntegrationTest {

    private static final String[] DIGITS = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"};
    private static final Pattern QUESTION = Pattern.compile("(.)(加|减)(.)等于几？");

    /** Reads the question the way a person would. */
    static int solve(String question) {
        Matcher m = QUESTION.matcher(question);
        assertThat(m.matches()).as(question).isTrue();
        int a = java.util.Arrays.asList(DIGITS).indexOf(m.group(1));
        int b = java.util.Arrays.asList(DIGITS).indexOf(m.group(3));
        return m.group(2).equals("加") ? a + b : a - b;
    }

    private Api citizen() {
        var r = ThreadLocalRandom.current();
        return api().from("203.0." + r.nextInt(0, 255) + "." + r.nextInt(1, 255));
    }

    private static Map<String, Object> body(JsonNode challenge, Object answer) {
        Map<String, Object> b = new HashMap<>();
        b.put("category", "OTHER");
        b.put("content", "建议在社区增设便民信息栏。");
        if (challenge != null) {
            b.put("challengeId", challenge.get("id").asString());
        }
        if (answer != null) {
            b.put("challengeAnswer", answer.toString());
        }
        return b;
    }

    @Test
    void aSubmissionNeedsTheRightAnswerOnce() {
        Api citizen = citizen();
        assertThat(citizen.post("/api/v1/public/suggestions", null, body(null, null))
                        .status())
                .as("no answer")
                .isEqualTo(400);

        JsonNode c = citizen.get("/api/v1/public/challenge", null).json();
        assertThat(c.get("enabled").asBoolean()).isTrue();
        int right = solve(c.get("question").asString());
        Api.Response wrong = citizen.post("/api/v1/public/suggestions", null, body(c, right + 1));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.json().get("field").asString()).isEqualTo("challengeAnswer");
        assertThat(citizen.post("/api/v1/public/suggestions", null, body(c, right))
                        .status())
                .as("a question is spent by a wrong answer too")
                .isEqualTo(400);

        JsonNode fresh = citizen.get("/api/v1/public/challenge", null).json();
        int answer = solve(fresh.get("question").asString());
        assertThat(citizen.post("/api/v1/public/suggestions", null, body(fresh, answer))
                        .status())
                .isEqualTo(201);
        assertThat(citizen.post("/api/v1/public/suggestions", null, body(fresh, answer))
                        .status())
                .as("an answer is good once")
                .isEqualTo(400);
        // five tries, right or wrong, are the hour's allowance: the question is no way around it
        assertThat(citizen.post("/api/v1/public/suggestions", null, body(null, answer))
                        .status())
                .isEqualTo(429);
    }

    @Test
    void theFormAsksTheQuestionAndKeepsWhatWasWritten() {
        Api citizen = citizen();
        String form = citizen.get("/public/suggestions", null).body();
        Matcher q = Pattern.compile("id=\"challenge-question\">([^<]+)<").matcher(form);
        assertThat(q.find()).isTrue();
        Matcher id = Pattern.compile("name=\"challengeId\" value=\"([^\"]+)\"").matcher(form);
        assertThat(id.find()).isTrue();
        Api.Response wrong = citizen.form(
                "/public/suggestions",
                Map.of(
                        "category",
                        "OTHER",
                        "content",
                        "公园厕所夜间不开放",
                        "challengeId",
                        id.group(1),
                        "challengeAnswer",
                        Integer.toString(solve(q.group(1)) + 1)));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).contains("验证问题回答不正确").contains("公园厕所夜间不开放").contains("challenge-question");
    }
}
