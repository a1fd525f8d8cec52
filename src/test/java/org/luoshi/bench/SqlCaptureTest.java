package org.luoshi.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading statements back from a PostgreSQL log in the stderr format with prefix '%m [%p] '. */
class SqlCaptureTest {

    @Test
    void statementsAreCutIntoRequestsWithTheirParametersWrittenIn() {
        List<String> log = List.of(
                "2026-12-01 02:50:00.100 CST [700] LOG:  duration: 0.050 ms  execute <unnamed>: SELECT 1",
                "2026-12-01 02:50:00.100 CST [900] LOG:  duration: 0.050 ms  execute <unnamed>: SELECT 2",
                "2026-12-01 02:50:00.101 CST [900] LOG:  duration: 0.020 ms  bind <unnamed>: WITH t AS (SELECT id",
                "2026-12-01 02:50:00.102 CST [900] LOG:  duration: 0.030 ms  execute <unnamed>: WITH t AS (SELECT id",
                "\t FROM api_token WHERE token_hash = $1)",
                "\tSELECT account_id FROM t",
                "2026-12-01 02:50:00.102 CST [900] DETAIL:  Parameters: $1 = 'ab''c, $2 = x'",
                "2026-12-01 02:50:00.103 CST [900] LOG:  duration: 0.040 ms  execute S_3: SELECT * FROM item"
                        + " WHERE id = $1 AND path >= $10 AND note IS $2",
                "2026-12-01 02:50:00.103 CST [900] DETAIL:  Parameters: $1 = '42', $2 = NULL, $3 = '3', $4 = '4',"
                        + " $5 = '5', $6 = '6', $7 = '7', $8 = '8', $9 = '9', $10 = '/1/'",
                "2026-12-01 02:50:00.104 CST [555] LOG:  duration: 0.010 ms  statement: SELECT pg_reload_conf()",
                "2026-12-01 02:50:00.105 CST [900] LOG:  duration: 0.030 ms  execute <unnamed>: WITH t AS (SELECT id"
                        + " FROM api_token WHERE token_hash = $1) SELECT account_id FROM t",
                "2026-12-01 02:50:00.105 CST [900] DETAIL:  Parameters: $1 = 'zz'",
                "2026-12-01 02:50:00.106 CST [777] LOG:  duration: 0.010 ms  execute <unnamed>: SELECT"
                        + " pg_try_advisory_xact_lock($1)",
                "2026-12-01 02:50:00.106 CST [777] DETAIL:  Parameters: $1 = '7'",
                "2026-12-01 02:50:00.107 CST [900] LOG:  checkpoint starting: time");

        List<SqlCapture.Request> requests = SqlCapture.parse(log, 555, "token_hash");

        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).statements())
                .containsExactly(
                        "WITH t AS (SELECT id\n\t FROM api_token WHERE token_hash = 'ab''c, $2 = x')\n"
                                + "\tSELECT account_id FROM t",
                        "SELECT * FROM item WHERE id = '42' AND path >= '/1/' AND note IS NULL");
        assertThat(requests.get(1).statements())
                .containsExactly(
                        "WITH t AS (SELECT id FROM api_token WHERE token_hash = 'zz') SELECT account_id FROM t");
    }
}
