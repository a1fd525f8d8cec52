package org.luoshi.web;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The address to open, printed once the server is ready. */
@Component
class StartupBanner {

    private final Environment environment;

    StartupBanner(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void print() {
        String port = environment.getProperty("local.server.port");
        if (port == null) {
            return;
        }
        System.out.println("\n  落实 Luoshi 已启动 / is running: http://localhost:" + port + "/\n");
    }
}
