package org.luoshi.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Demo mode: the demo city is loaded and its accounts may sign in with the demo password. */
@ConfigurationProperties("luoshi.demo")
public record DemoMode(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("Luoshi@2026") String password) {}
