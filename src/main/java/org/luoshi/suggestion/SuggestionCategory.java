package org.luoshi.suggestion;

/** What a suggestion is about, as the citizen picks it. */
public enum SuggestionCategory {
    URBAN("城市管理"),
    TRAFFIC("交通出行"),
    EDUCATION_HEALTH("教育医疗"),
    SOCIAL_SECURITY("社会保障"),
    ENVIRONMENT("生态环境"),
    BUSINESS("营商环境"),
    SERVICE("政务服务"),
    OTHER("其他");

    private final String label;

    SuggestionCategory(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
