package io.mailseal.confluence.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Everything a template gets is escaped on its way in, at every depth. */
class EscapingTest {

    @Test
    void escapesTheFiveCharactersThatMatterInTextAndAttributes() {
        assertThat(Html.escape("<a href=\"x\" title='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
        assertThat(Html.escape("plain text")).isEqualTo("plain text");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void aModelEscapesTextsListsAndNestedModelsAndKeepsFlagsAndNumbers() {
        Map<String, Object> map = Model.create().text("a", "<b>").texts("list", List.of("<i>"))
                .models("rows", List.of(Model.create().text("cell", "\"q\""))).flag("yes", true).number("n", 3)
                .asMap();

        assertThat(map).containsEntry("a", "&lt;b&gt;").containsEntry("list", List.of("&lt;i&gt;"))
                .containsEntry("rows", List.of(Map.of("cell", "&quot;q&quot;"))).containsEntry("yes", true)
                .containsEntry("n", 3L);
    }

    @Test
    void namesThatAreNotPlainTemplateNamesAreRefused() {
        assertThatThrownBy(() -> Model.create().text("class", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Model.create().text("a.b", "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
