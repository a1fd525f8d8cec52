package org.luoshi.item;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.luoshi.support.Api;
import org.luoshi.support.IntegrationTest;

class EvidenceIT extends IntegrationTest {

    private static final byte[] PDF =
            "%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    private Api api;
    private String supervisor;
    private String liaison;
    private long itemId;

    @BeforeEach
    void anAcceptedItem() {
        api = api();
        supervisor = api.token("supervisor", DEMO_PASSWORD);
        liaison = api.token("liaison", DEMO_PASSWORD);
        Map<String, Object> body = new HashMap<>(Map.of(
                "title",
                "背街小巷改造",
                "content",
                "改造20条背街小巷",
                "kind",
                "LIVELIHOOD",
                "leadUnitId",
                unitId("SF-LJ"),
                "deadline",
                "2099-06-30",
                "cadence",
                "MONTHLY"));
        itemId = api.post("/api/v1/items", supervisor, body).json().get("id").asLong();
        api.post("/api/v1/items/" + itemId + "/dispatch", supervisor, Map.of());
        api.post("/api/v1/items/" + itemId + "/accept", liaison, Map.of());
    }

    @Test
    void theLeadUnitUploadsAndTheSupervisorDownloadsTheSameBytes() throws Exception {
        HttpResponse<String> up = upload(liaison, "竣工验收报告.pdf", PDF);
        assertThat(up.statusCode()).as(up.body()).isEqualTo(201);
        assertThat(up.body()).contains("竣工验收报告.pdf").contains("application/pdf");
        long fileId = api.get("/api/v1/items/" + itemId + "/files", supervisor)
                .json()
                .get("files")
                .get(0)
                .get("id")
                .asLong();

        HttpResponse<byte[]> down = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/api/v1/items/" + itemId + "/files/" + fileId))
                                .header("Authorization", "Bearer " + supervisor)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(down.body()).isEqualTo(PDF);
        assertThat(down.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment")
                .contains("UTF-8''");
        assertThat(down.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        String outsider = api.token("deptliaison", DEMO_PASSWORD);
        assertThat(api.get("/api/v1/items/" + itemId + "/files/" + fileId, outsider)
                        .status())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_event WHERE action = 'item.file' AND target_id = :id")
                        .param("id", Long.toString(itemId))
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void refusesDisguisedAndUnlistedTypesAndKeepsOnlyTheName() throws Exception {
        byte[] exe = new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0};
        HttpResponse<String> disguised = upload(liaison, "报告.pdf", exe);
        assertThat(disguised.statusCode()).isEqualTo(400);
        assertThat(disguised.body()).contains("类型不允许");
        assertThat(upload(liaison, "tool.exe", exe).statusCode()).isEqualTo(400);
        assertThat(upload(liaison, "empty.pdf", new byte[0]).statusCode()).isEqualTo(400);

        HttpResponse<String> traversal = upload(liaison, "../../etc/passwd.pdf", PDF);
        assertThat(traversal.statusCode()).isEqualTo(201);
        assertThat(traversal.body()).contains("\"name\":\"passwd.pdf\"");
        assertThat(jdbc.sql("SELECT count(*) FROM item_file WHERE item_id = :i")
                        .param("i", itemId)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void refusesAFileOverTheLimit() throws Exception {
        byte[] big = new byte[21 * 1024 * 1024];
        System.arraycopy(PDF, 0, big, 0, PDF.length);
        HttpResponse<String> r = upload(liaison, "扫描件.pdf", big);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("上限");
        assertThat(jdbc.sql("SELECT count(*) FROM item_file WHERE item_id = :i")
                        .param("i", itemId)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void othersMayNotAddEvidence() throws Exception {
        String town = api.token("townliaison", DEMO_PASSWORD);
        assertThat(upload(town, "x.pdf", PDF).statusCode()).isEqualTo(404);
        String unithead = api.token("unithead", DEMO_PASSWORD);
        assertThat(upload(unithead, "区长审核.pdf", PDF).statusCode()).isEqualTo(201);
    }

    private HttpResponse<String> upload(String token, String name, byte[] data) throws Exception {
        String boundary = "----luoshi" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.write(data);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/api/v1/items/" + itemId + "/files"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
