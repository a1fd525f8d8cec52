package org.luoshi.security;

import java.util.ArrayList;
import java.util.List;

/** Strength rules for a new password under a policy. Pure; reuse is checked by the service. */
final class PasswordRules {

    private PasswordRules() {}

    /** Every rule the candidate breaks, in Chinese; empty when it is acceptable. */
    static List<String> violations(String candidate, String username, SecurityPolicy policy) {
        List<String> problems = new ArrayList<>();
        if (candidate == null || candidate.isEmpty()) {
            problems.add("请输入新密码");
            return problems;
        }
        if (candidate.codePointCount(0, candidate.length()) < policy.minLength()) {
            problems.add("密码长度至少" + policy.minLength() + "位");
        }
        if (candidate.length() > 128) {
            problems.add("密码长度不能超过128位");
        }
        if (classes(candidate) < policy.minClasses()) {
            problems.add("密码须包含大写字母、小写字母、数字、特殊字符中的至少" + policy.minClasses() + "类");
        }
        if (username != null && !username.isBlank() && candidate.toLowerCase().contains(username.toLowerCase())) {
            problems.add("密码不能包含用户名");
        }
        return problems;
    }

    static int classes(String s) {
        boolean upper = false, lower = false, digit = false, other = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                upper = true;
            } else if (c >= 'a' && c <= 'z') {
                lower = true;
            } else if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!Character.isWhitespace(c)) {
                other = true;
            }
        }
        return (upper ? 1 : 0) + (lower ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }
}
