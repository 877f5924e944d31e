package io.mailseal.it.host;

import com.atlassian.templaterenderer.RenderingException;
import com.atlassian.templaterenderer.TemplateRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal template renderer, not Velocity: it replaces {@code ${name}} (and the quiet {@code $!{name}}) with the
 * context value of that name. Templates are read as UTF-8 from the thread context class loader (falling back to this
 * class's loader). A reference missing from the context stays as written, {@code $!{..}} becomes empty.
 *
 * <p>Thread-safe: stateless.
 */
public final class InMemoryTemplateRenderer implements TemplateRenderer {

    private static final Pattern REFERENCE = Pattern.compile("\\$(!?)\\{([A-Za-z_][A-Za-z0-9_.-]*)}");

    @Override
    public void render(String templateName, Writer writer) throws IOException {
        render(templateName, Map.of(), writer);
    }

    @Override
    public void render(String templateName, Map<String, Object> context, Writer writer) throws IOException {
        URL template = find(templateName);
        if (template == null) {
            throw new RenderingException("template not found: " + templateName);
        }
        try (InputStream in = template.openStream()) {
            writer.write(renderFragment(new String(in.readAllBytes(), StandardCharsets.UTF_8), context));
        }
    }

    @Override
    public String renderFragment(String fragment, Map<String, Object> context) {
        Matcher matcher = REFERENCE.matcher(fragment);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            Object value = context == null ? null : context.get(matcher.group(2));
            String replacement = value != null ? String.valueOf(value)
                    : matcher.group(1).isEmpty() ? matcher.group() : "";
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(out).toString();
    }

    @Override
    public boolean resolve(String templateName) {
        return find(templateName) != null;
    }

    private static URL find(String templateName) {
        if (templateName == null) {
            return null;
        }
        String name = templateName.startsWith("/") ? templateName.substring(1) : templateName;
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        URL url = loader == null ? null : loader.getResource(name);
        return url != null ? url : InMemoryTemplateRenderer.class.getClassLoader().getResource(name);
    }
}
