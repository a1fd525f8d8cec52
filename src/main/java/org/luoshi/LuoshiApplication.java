package org.luoshi;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;

// the platform authenticates its own accounts; no generated in-memory user
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class LuoshiApplication {

    /** Serves directly; the jar's entry point is {@link org.luoshi.cli.CommandLine}, which also serves. */
    public static void main(String[] args) {
        SpringApplication.run(LuoshiApplication.class, args);
    }

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
