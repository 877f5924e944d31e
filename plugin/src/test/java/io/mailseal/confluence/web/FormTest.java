package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading a multipart form without the container's help: fields, files, limits, broken bodies. */
class FormTest {

    private static FakeHttp.Request multipart(String contentType, byte[] body) {
        FakeHttp.Request request = new FakeHttp.Request();
        request.method = "POST";
        request.path = Screen.KEYS.path();
        request.contentType = contentType;
        request.body = body;
        return request;
    }

    @Test
    void readsTextFieldsAndFilesAndShowsTheFieldsAsParameters() throws Exception {
        byte[] file = {0, 1, 2, '\r', '\n', '-', '-', 3};
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("atl_token", "t0k3n");
        parts.put("text", "Grüße\r\nzwei Zeilen");
        parts.put("file", new Object[] {"key.der", file});
        FakeHttp.Request request = multipart("multipart/form-data; boundary=\"b-1\"", FakeHttp.multipart("b-1",
                parts));

        Form form = ((Form.Parsed) Form.read(request.proxy(), 4096)).form();

        assertThat(form.get("text")).isEqualTo("Grüße\r\nzwei Zeilen");
        assertThat(form.get("missing")).isEmpty();
        assertThat(form.file("file")).get().satisfies(upload -> {
            assertThat(upload.fileName()).isEqualTo("key.der");
            assertThat(upload.data()).isEqualTo(file);
        });
        assertThat(form.request().getParameter("atl_token")).isEqualTo("t0k3n");
        assertThat(form.request().getParameterMap()).containsOnlyKeys("atl_token", "text");
    }

    @Test
    void aBodyOverTheLimitIsRefusedUnread() throws Exception {
        byte[] body = FakeHttp.multipart("b", Map.of("file", new Object[] {"big", new byte[5000]}));

        assertThat(Form.read(multipart("multipart/form-data; boundary=b", body).proxy(), 4096))
                .isEqualTo(new Form.TooLarge(4096));
    }

    @Test
    void brokenBodiesAreNamedAndNeverHalfRead() throws Exception {
        byte[] unterminated = "--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue"
                .getBytes(StandardCharsets.US_ASCII);
        StringBuilder many = new StringBuilder();
        for (int i = 0; i <= Form.MAX_PARTS; i++) {
            many.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nx\r\n");
        }
        many.append("--b--\r\n");

        assertThat(Form.read(multipart("multipart/form-data", new byte[] {1}).proxy(), 4096))
                .isInstanceOf(Form.Malformed.class);
        assertThat(Form.read(multipart("multipart/form-data; boundary=b", unterminated).proxy(), 4096))
                .isEqualTo(new Form.Malformed("a part has no closing boundary"));
        assertThat(Form.read(multipart("multipart/form-data; boundary=b",
                many.toString().getBytes(StandardCharsets.US_ASCII)).proxy(), 4096))
                .isEqualTo(new Form.Malformed("more than " + Form.MAX_PARTS + " parts"));
    }

    @Test
    void aUrlEncodedFormIsTheContainersParameters() throws Exception {
        FakeHttp.Request request = multipart("application/x-www-form-urlencoded", new byte[0]).param("a", "1");

        Form form = ((Form.Parsed) Form.read(request.proxy(), 10)).form();

        assertThat(form.get("a")).isEqualTo("1");
        assertThat(form.checked("a")).isTrue();
        assertThat(form.file("a")).isEmpty();
    }
}
