package io.mailseal.sandbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void escapesMarkupAndQuotes() {
        assertThat(Html.escape("<script>alert('x')</script> & \"q\"")).isEqualTo(
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void redirectsOnlyToPathsOnThisServer() {
        assertThat(Html.localPath("/pages/1?x=y", "/")).isEqualTo("/pages/1?x=y");
        assertThat(Html.localPath("//evil.example/x", "/")).isEqualTo("/");
        assertThat(Html.localPath("https://evil.example/", "/")).isEqualTo("/");
        assertThat(Html.localPath("/\\evil.example", "/")).isEqualTo("/");
        assertThat(Html.localPath("javascript:alert(1)", "/")).isEqualTo("/");
        assertThat(Html.localPath(null, "/admin")).isEqualTo("/admin");
    }

    @Test
    void findsTheDecoratorAndSplitsThePage() {
        String page = "<html><head><title>Keys &amp; more</title><meta name=\"decorator\" content=\"atl.userprofile\">"
                + "<script src=\"x.js\"></script></head><body class=\"b\"><h1>Hi</h1></body></html>";

        assertThat(PluginServletDispatcher.decorator(page)).hasValue("atl.userprofile");
        assertThat(PluginServletDispatcher.decorator("<html><body><meta name=\"decorator\" content=\"atl.admin\">"))
                .as("only in the head").isEmpty();
        Layout.Page split = PluginServletDispatcher.page(page, "atl.userprofile");
        assertThat(split.title()).isEqualTo("Keys & more");
        assertThat(split.headHtml()).isEqualTo("<script src=\"x.js\"></script>");
        assertThat(split.bodyHtml()).isEqualTo("<h1>Hi</h1>");
    }
}
