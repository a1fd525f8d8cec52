package org.luoshi.reminder;

import java.time.Duration;
import org.luoshi.scheduling.Job;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two jobs of reminders: look for what is due, and send what is pending. */
@Configuration(proxyBeanMethods = false)
class ReminderJobs {

    @Bean
    Job reminderScan(ReminderService reminders, @Value("${luoshi.reminders.scan-interval:PT30M}") Duration every) {
        return new Job() {
            public String name() {
                return "reminders.scan";
            }

            public String description() {
                return "检查临近时限、逾期、未按时反馈和逾期未签收的事项，生成催办并逐级升级";
            }

            public Duration interval() {
                return every;
            }

            public String run() {
                return "新建催办 " + reminders.scan() + " 条";
            }
        };
    }

    @Bean
    Job reminderDelivery(Deliverer deliverer, @Value("${luoshi.reminders.deliver-interval:PT30S}") Duration every) {
        return new Job() {
            public String name() {
                return "reminders.deliver";
            }

            public String description() {
                return "通过邮件和群机器人发送待发的催办，失败的按间隔重试";
            }

            public Duration interval() {
                return every;
            }

            public String run() {
                return "发送 " + deliverer.deliverDue() + " 条";
            }
        };
    }
}
