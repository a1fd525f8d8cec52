package org.luoshi.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.luoshi.org.UnitPath;
import org.luoshi.org.UnitScope;
import org.luoshi.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class DataScopesIT extends IntegrationTest {

    @Autowired
    DataScopes scopes;

    @Autowired
    TransactionTemplate tx;

    @Test
    void theTopSupervisorSeesEverythingOnlyWhileHisTreeIsTheOnlyOne() {
        CurrentUser supervisor = supervisor();
        UnitPath city = jdbc.sql("SELECT path FROM unit WHERE parent_id IS NULL")
                .query((rs, n) -> new UnitPath(rs.getString(1)))
                .single();
        assertThat(scopes.of(supervisor)).isEqualTo(UnitScope.all());
        tx.executeWithoutResult(status -> {
            // a second city on the same platform: the first one's supervisor must not reach into it
            long other = jdbc.sql("INSERT INTO unit (code, name, kind, path, depth) VALUES"
                            + " ('SCOPE-2ND', '另一市', 'CITY', '/0/', 0) RETURNING id")
                    .query(Long.class)
                    .single();
            UnitScope scope = scopes.of(supervisor);
            assertThat(scope.everything()).isFalse();
            assertThat(scope.covers(city)).isTrue();
            assertThat(scope.covers(new UnitPath("/0/"))).as("unit %d", other).isFalse();
            status.setRollbackOnly();
        });
        assertThat(scopes.of(supervisor)).isEqualTo(UnitScope.all());
    }
}
