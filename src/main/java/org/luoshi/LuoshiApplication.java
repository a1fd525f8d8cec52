package org.luoshi;

import java.time.Clock;
import org.luoshi.cli.CommandLine;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.context.annotation.Bean;

// the platform authenticates its own accounts; no generated in-memory user
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class LuoshiApplication {

    public static void main(String[] args) {
        int status = CommandLine.run(args);
        if (status != CommandLine.SERVING) {
            System.exit(status);
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
