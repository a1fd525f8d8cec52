package org.luoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordRulesTest {

    private static final SecurityPolicy POLICY = new SecurityPolicy(8, 3, 5, 5, 15, 30, 90, 0);

    @Test
    void acceptsEightCharactersFromThreeClasses() {
        assertThat(PasswordRules.violations("Abcdefg1", "liaison", POLICY)).isEmpty();
        assertThat(PasswordRules.violations("abc#efg1", "liaison", POLICY)).isEmpty();
    }

    @Test
    void refusesShortOrTooUniform() {
        assertThat(PasswordRules.violations("Ab1#", "u", POLICY)).anyMatch(s -> s.contains("至少8位"));
        assertThat(PasswordRules.violations("abcdefgh1", "u", POLICY)).anyMatch(s -> s.contains("至少3类"));
        assertThat(PasswordRules.violations("", "u", POLICY)).isNotEmpty();
    }

    @Test
    void refusesTheUsernameInside() {
        assertThat(PasswordRules.violations("Liaison#2026", "liaison", POLICY)).anyMatch(s -> s.contains("用户名"));
    }

    @Test
    void countsCharacterClasses() {
        assertThat(PasswordRules.classes("aA1#")).isEqualTo(4);
        assertThat(PasswordRules.classes("密码abc")).isEqualTo(2); // CJK counts as a symbol
    }

    @Test
    void temporaryPasswordsMeetTheStrictestPolicy() {
        SecurityPolicy strict = new SecurityPolicy(12, 4, 5, 5, 15, 30, 90, 0);
        for (int i = 0; i < 200; i++) {
            assertThat(PasswordRules.violations(Passwords.temporary(), "someone", strict))
                    .isEmpty();
        }
    }
}
