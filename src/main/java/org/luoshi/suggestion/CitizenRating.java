package org.luoshi.suggestion;

/** The citizen's rating of the answer; assessment reads it as satisfaction. */
public enum CitizenRating {
    SATISFIED("满意", 100),
    BASICALLY_SATISFIED("基本满意", 80),
    UNSATISFIED("不满意", 0);

    private final String label;
    private final int score;

    CitizenRating(String label, int score) {
        this.label = label;
        this.score = score;
    }

    public String label() {
        return label;
    }

    /** Points out of 100 for a satisfaction rate. */
    public int score() {
        return score;
    }
}
