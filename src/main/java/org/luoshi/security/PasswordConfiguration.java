package org.luoshi.security;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DemoMode.class)
class PasswordConfiguration {

    /**
     * New passwords are hashed with PBKDF2-HMAC-SM3 (a commercial algorithm, as the 密评 asks) unless
     * {@code luoshi.security.password-hash=argon2}; either kind of stored hash is still read, and a
     * password stored the other way is hashed again the default way when its owner next signs in.
     */
    @Bean
    PasswordEncoder passwordEncoder(
            @Value("${luoshi.security.password-hash:pbkdf2-sm3}") String scheme,
            @Value("${luoshi.security.pbkdf2-iterations:100000}") int iterations) {
        var argon2 = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2); // OWASP's minimum memory
        var sm3 = new Pbkdf2Sm3PasswordEncoder(iterations);
        String id = scheme.strip().toLowerCase(java.util.Locale.ROOT);
        if (!id.equals("argon2") && !id.equals(Pbkdf2Sm3PasswordEncoder.ID)) {
            throw new IllegalStateException("luoshi.security.password-hash 须为 pbkdf2-sm3 或 argon2，而不是 " + scheme);
        }
        return new DelegatingPasswordEncoder(id, Map.of("argon2", argon2, Pbkdf2Sm3PasswordEncoder.ID, sm3));
    }
}
