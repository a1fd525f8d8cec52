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
        useBusinessZone();
        SpringApplication.run(LuoshiApplication.class, args);
    }

    /**
     * The day a report is due, an item is overdue or a bulletin's month ends is China's day, whatever
     * zone the server's machine keeps (often UTC): without this, from 16:00 UTC the platform would
     * still call it yesterday while closures stamped that evening already counted as tomorrow.
     */
    public static void useBusinessZone() {
        String zone = System.getenv().getOrDefault("LUOSHI_ZONE", "Asia/Shanghai");
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(java.time.ZoneId.of(zone)));
    }

    @Bean
    Clock clock(@org.springframework.beans.factory.annotation.Value("${luoshi.zone:Asia/Shanghai}") String zone) {
        return Clock.system(java.time.ZoneId.of(zone));
    }
}
