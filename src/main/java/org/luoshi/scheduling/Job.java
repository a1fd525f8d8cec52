package org.luoshi.scheduling;

import java.time.Duration;

/** A periodic job: modules declare them as beans; the scheduler runs each on one node at a time. */
public interface Job {

    /** Stable name, the job's key in the database. */
    String name();

    /** What it does, in Chinese, for the administrator's page. */
    String description();

    Duration interval();

    /** Runs once; returns a short account of what it did ("新建催办3条"). Exceptions mark the run failed. */
    String run();
}
