package io.mailseal.testkit.confluence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.templaterenderer.RenderingException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The template renderer stand-in is as strict as its documentation says, so template tests can fail. */
class VelocityTemplateRendererTest {

    private final VelocityTemplateRenderer renderer = new VelocityTemplateRenderer();

    @Test
    void rendersPlainDataWithLoopsConditionsAndMapProperties() {
        String out = renderer.renderFragment("#foreach($row in $rows)#if($row.on)[$row.name]#end#end $n",
                Map.of("rows", List.of(Map.of("on", true, "name", "a"), Map.of("on", false, "name", "b")), "n", 2));

        assertThat(out).isEqualTo("[a] 2");
    }

    @Test
    void refusesMethodCallsAndPropertiesOfAnythingButMaps() {
        assertThatThrownBy(() -> renderer.renderFragment("$s.toUpperCase()", Map.of("s", "x")))
                .hasMessageContaining("calls the method toUpperCase");
        assertThatThrownBy(() -> renderer.renderFragment("$s.bytes", Map.of("s", "x")))
                .hasMessageContaining("only maps have properties");
    }

    @Test
    void refusesUnknownReferencesAndObjectsInTheContext() {
        assertThatThrownBy(() -> renderer.renderFragment("$missing", Map.of()))
                .isInstanceOf(RenderingException.class);
        assertThatThrownBy(() -> renderer.renderFragment("$o", Map.of("o", new Object())))
                .hasMessageContaining("templates get strings, booleans, numbers, lists and maps only");
        assertThatThrownBy(() -> renderer.renderFragment("$l", Map.of("l", List.of(Map.of("x", new Object())))))
                .hasMessageContaining("context.l[0].x");
    }
}
