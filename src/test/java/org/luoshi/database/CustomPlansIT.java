package org.luoshi.database;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** Cached plans for everything, plans of their own for reads over a subtree; no parallel plans. */
class CustomPlansIT extends IntegrationTest {

    @Autowired
    CustomPlans plans;

    private String mode() {
        return jdbc.sql("SHOW plan_cache_mode").query(String.class).single();
    }

    @Test
    void onlyTheReadInsidePlansForItsValues() {
        assertThat(mode()).isEqualTo("auto");
        assertThat(plans.read(this::mode)).isEqualTo("force_custom_plan");
        assertThat(mode()).as("SET LOCAL ends with the read's transaction").isEqualTo("auto");
    }

    @Test
    void theApplicationsConnectionsPlanNoParallelWorkersWhateverTheServersDefault() {
        String server = jdbc.sql("SELECT boot_val FROM pg_settings WHERE name = 'max_parallel_workers_per_gather'")
                .query(String.class)
                .single();
        assertThat(server).as("PostgreSQL's own default").isEqualTo("2");
        assertThat(jdbc.sql("SHOW max_parallel_workers_per_gather")
                        .query(String.class)
                        .single())
                .isEqualTo("0");
    }
}
