package org.luoshi.demo;

import org.luoshi.security.DemoMode;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Tells whoever started a demo how to sign in. */
@Component
class DemoBanner {

    private final DemoMode demo;

    DemoBanner(DemoMode demo) {
        this.demo = demo;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(20)
    void print() {
        if (!demo.enabled()) {
            return;
        }
        boolean fromEnv = System.getenv("LUOSHI_DEMO_PASSWORD") != null;
        StringBuilder sb = new StringBuilder("\n  演示账户 / demo accounts (密码 password: ")
                .append(fromEnv ? "见环境变量 LUOSHI_DEMO_PASSWORD" : demo.password())
                .append(")\n");
        for (DemoCity.AccountSeed a : DemoCity.NAMED_ACCOUNTS) {
            sb.append(String.format("    %-12s %s，%s%n", a.username(), a.displayName(), a.title()));
        }
        System.out.println(sb);
    }
}
