package org.luoshi.scheduling;

import java.net.InetAddress;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** This application node's name, recorded with the work it does (job runs, deliveries). */
@Component
public class Node {

    private final String name;

    Node(@Value("${luoshi.jobs.node:}") String name) {
        this.name =
                name.isBlank() ? hostName() + "-" + UUID.randomUUID().toString().substring(0, 8) : name;
    }

    public String name() {
        return name;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "node";
        }
    }
}
