package org.luoshi;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Background work runs in the server, not in one-shot command-line verbs. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "luoshi.scheduling.enabled", havingValue = "true", matchIfMissing = true)
class SchedulingConfiguration {}
