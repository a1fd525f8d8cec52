package org.luoshi.bulletin;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.luoshi.scheduling.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Drafts each jurisdiction's bulletins once their period has ended; a supervisor edits and publishes. */
@Configuration(proxyBeanMethods = false)
class BulletinJobs {

    @Bean
    Job bulletinDrafts(BulletinService bulletins, Clock clock) {
        return new Job() {
            public String name() {
                return "bulletins.draft";
            }

            public String description() {
                return "上一周期结束后，为各督查辖区起草月报、季报（按配置也可起草周报），待督查员修改发布";
            }

            public Duration interval() {
                return Duration.ofHours(6);
            }

            public String run() {
                return "起草通报 " + bulletins.draftDue(LocalDate.now(clock)) + " 份";
            }
        };
    }
}
