package org.luoshi.dashboard;

import java.time.Duration;
import org.luoshi.scheduling.Job;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Keeps every unit's counts current, so that a dashboard after midnight or after a busy hour reads kept rows. */
@Configuration(proxyBeanMethods = false)
class DashboardJobs {

    @Bean
    Job unitTallyRefresh(UnitTallies tallies) {
        return new Job() {
            public String name() {
                return "dashboard.refresh";
            }

            public String description() {
                return "重算有变或已跨日的各单位统计数，指挥调度页直接读取";
            }

            public Duration interval() {
                return Duration.ofMinutes(10);
            }

            public String run() {
                return "重算单位统计 " + tallies.refreshAll() + " 个";
            }
        };
    }
}
