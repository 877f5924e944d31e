package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailseal.testkit.confluence.VelocityTemplateRenderer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A model holds raw text and no markup; the renderer, like Confluence's anti-XSS mode, encodes every inserted value
 * exactly once.
 */
class EscapingTest {

    private final VelocityTemplateRenderer renderer = new VelocityTemplateRenderer();

    @Test
    void aModelKeepsTextsListsAndNestedModelsRawAndKeepsFlagsAndNumbers() {
        Map<String, Object> map = Model.create().text("a", "<b>").texts("list", List.of("<i>"))
                .models("rows", List.of(Model.create().text("cell", "\"q\""))).flag("yes", true).number("n", 3)
                .text("none", null).asMap();

        assertThat(map).containsEntry("a", "<b>").containsEntry("list", List.of("<i>"))
                .containsEntry("rows", List.of(Map.of("cell", "\"q\""))).containsEntry("yes", true)
                .containsEntry("n", 3L).containsEntry("none", "");
    }

    @Test
    void renderingEncodesEveryValueOnceAtEveryDepth() {
        Map<String, Object> map = Model.create().text("a", "<a href=\"x\" title='y'>&amp;</a>")
                .models("rows", List.of(Model.create().text("cell", "<script>"))).asMap();

        String html = renderer.renderFragment("$a #foreach($row in $rows)[$row.cell]#end", map);

        assertThat(html).isEqualTo(
                "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt; [&lt;script&gt;]");
    }

    @Test
    void namesThatAreNotPlainTemplateNamesOrThatWouldInsertMarkupAreRefused() {
        assertThatThrownBy(() -> Model.create().text("class", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Model.create().text("a.b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Model.create().text("bodyHtml", "<b>"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Model.create().models("rowsHTML", List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
