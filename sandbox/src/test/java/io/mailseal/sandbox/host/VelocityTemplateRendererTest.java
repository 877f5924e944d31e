package io.mailseal.sandbox.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.templaterenderer.RenderingException;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VelocityTemplateRendererTest {

    private final VelocityTemplateRenderer renderer =
            new VelocityTemplateRenderer(VelocityTemplateRendererTest.class.getClassLoader());

    @Test
    void escapesEveryReferenceButThoseNamedHtml() {
        String out = renderer.renderFragment("$name|$!missing|${bodyHtml}|$page.titleHtml|$page.title",
                Map.of("name", "<a href='x'>&", "bodyHtml", "<b>ok</b>",
                        "page", Map.of("titleHtml", "<i>t</i>", "title", "<i>t</i>")));

        assertThat(out).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;||<b>ok</b>|<i>t</i>|&lt;i&gt;t&lt;/i&gt;");
    }

    @Test
    void readsTemplatesFromItsClassLoader() throws Exception {
        StringWriter out = new StringWriter();

        renderer.render("io/mailseal/sandbox/fixture/fixture.vm", Map.of("user", "A & B"), out);

        assertThat(out.toString()).contains("<p id=\"fixture-user\">A &amp; B</p>");
        assertThat(renderer.resolve("io/mailseal/sandbox/fixture/fixture.vm")).isTrue();
        assertThat(renderer.resolve("nothing.vm")).isFalse();
        assertThatThrownBy(() -> renderer.render("nothing.vm", Map.of(), new StringWriter()))
                .isInstanceOf(RenderingException.class);
    }
}
