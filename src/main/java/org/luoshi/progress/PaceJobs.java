package org.luoshi.progress;

import java.time.Duration;
import org.luoshi.scheduling.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Recomputes stale and yesterday's paces, so that the first dashboard of a day does not wait for them. */
@Configuration(proxyBeanMethods = false)
class PaceJobs {

    @Bean
    Job paceRefresh(PaceStore store) {
        return new Job() {
            public String name() {
                return "pace.refresh";
            }

            public String description() {
                return "重算时间进度有变或已跨日的在办事项的进度预警，供指挥调度页直接统计";
            }

            public Duration interval() {
                return Duration.ofMinutes(30);
            }

            public String run() {
                return "重算进度预警 " + store.refreshAll() + " 项";
            }
        };
    }
}
