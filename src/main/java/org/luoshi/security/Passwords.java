package org.luoshi.security;

import java.security.SecureRandom;

/** One-time passwords that meet any policy this platform allows (12 characters, 4 classes). */
public final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String[] CLASSES = {
        "ABCDEFGHJKLMNPQRSTUVWXYZ", "abcdefghijkmnpqrstuvwxyz", "23456789", "!@#$%&*?"
    };

    private Passwords() {}

    public static String temporary() {
        char[] chars = new char[12];
        for (int i = 0; i < chars.length; i++) {
            String pool = CLASSES[i % CLASSES.length];
            chars[i] = pool.charAt(RANDOM.nextInt(pool.length()));
        }
        for (int i = chars.length - 1; i > 0; i--) {
            int j = RANDOM.nextInt(i + 1);
            char c = chars[i];
            chars[i] = chars[j];
            chars[j] = c;
        }
        return new String(chars);
    }
}
