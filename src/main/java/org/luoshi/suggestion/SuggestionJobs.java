package org.luoshi.suggestion;

import java.time.Duration;
import org.luoshi.scheduling.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Forgets the public pages' hourly counts and unanswered questions once they are a day old. */
@Configuration(proxyBeanMethods = false)
class SuggestionJobs {

    @Bean
    Job publicSweep(PublicGate gate) {
        return new Job() {
            public String name() {
                return "public.sweep";
            }

            public String description() {
                return "清理公众页面的访问计数和过期验证问题";
            }

            public Duration interval() {
                return Duration.ofHours(6);
            }

            public String run() {
                return "清理 " + gate.sweep() + " 条";
            }
        };
    }
}
