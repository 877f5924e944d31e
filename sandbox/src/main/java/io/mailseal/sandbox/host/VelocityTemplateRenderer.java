package io.mailseal.sandbox.host;

import io.mailseal.testkit.confluence.AntiXss;

import com.atlassian.templaterenderer.RenderingException;
import com.atlassian.templaterenderer.TemplateRenderer;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.context.Context;
import org.apache.velocity.exception.ResourceNotFoundException;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.resource.Resource;
import org.apache.velocity.runtime.resource.loader.ResourceLoader;
import org.apache.velocity.util.ExtProperties;

/**
 * Atlassian's template renderer with Velocity 2, for one plugin: templates are read as UTF-8 from the plugin bundle's
 * class loader (as Confluence's renderer reads them from the calling plugin), parsed once and cached.
 *
 * <p>Every reference is HTML-escaped when it is written, unless its name (the last identifier, so also a method:
 * {@code $page.bodyHtml}) ends in {@code Html} or {@code HTML}: the convention of Atlassian's Velocity renderers for
 * values that already are HTML. So a template may print user data with a plain {@code $name}. Templates should put
 * plain maps and strings in the context (Confluence 9 allow-lists template method calls).
 *
 * <p>Thread-safe: the Velocity engine is; each render has its own context.
 */
public final class VelocityTemplateRenderer implements TemplateRenderer {


    private final ClassLoader loader;
    private final VelocityEngine engine;

    /**
     * Creates a renderer for one plugin.
     *
     * @param loader the plugin bundle's class loader
     */
    public VelocityTemplateRenderer(ClassLoader loader) {
        this.loader = Objects.requireNonNull(loader, "loader");
        Properties properties = new Properties();
        properties.setProperty(RuntimeConstants.RESOURCE_LOADERS, "bundle");
        properties.setProperty(RuntimeConstants.INPUT_ENCODING, StandardCharsets.UTF_8.name());
        properties.setProperty("resource.loader.bundle.cache", "true");
        properties.setProperty(RuntimeConstants.RUNTIME_LOG_REFERENCE_LOG_INVALID, "false");
        VelocityEngine created = new VelocityEngine(properties);
        created.setProperty("resource.loader.bundle.instance", new BundleResourceLoader(loader));
        created.init();
        this.engine = created;
    }

    @Override
    public void render(String templateName, Writer writer) throws IOException {
        render(templateName, Map.of(), writer);
    }

    @Override
    public void render(String templateName, Map<String, Object> context, Writer writer) throws IOException {
        Template template;
        try {
            template = engine.getTemplate(strip(templateName), StandardCharsets.UTF_8.name());
        } catch (ResourceNotFoundException e) {
            throw new RenderingException("template not found: " + templateName, e);
        } catch (VelocityException e) {
            throw new RenderingException("template " + templateName + " cannot be parsed: " + e.getMessage(), e);
        }
        try {
            template.merge(context(context), writer);
        } catch (VelocityException e) {
            throw new RenderingException("template " + templateName + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String renderFragment(String fragment, Map<String, Object> context) {
        StringWriter out = new StringWriter();
        try {
            engine.evaluate(context(context), out, "fragment", fragment);
        } catch (VelocityException e) {
            throw new RenderingException("fragment failed: " + e.getMessage(), e);
        }
        return out.toString();
    }

    @Override
    public boolean resolve(String templateName) {
        return templateName != null && loader.getResource(strip(templateName)) != null;
    }

    private static VelocityContext context(Map<String, Object> values) {
        VelocityContext context = new VelocityContext(values == null ? new HashMap<>() : new HashMap<>(values));
        EventCartridge cartridge = new EventCartridge();
        cartridge.addReferenceInsertionEventHandler(new HtmlEscaping());
        cartridge.attachToContext(context);
        return context;
    }

    private static String strip(String templateName) {
        return templateName.startsWith("/") ? templateName.substring(1) : templateName;
    }


    /** Escapes every inserted value but those whose reference name ends in Html/HTML. */
    private static final class HtmlEscaping implements ReferenceInsertionEventHandler {

        @Override
        public Object referenceInsert(Context context, String reference, Object value) {
            if (value == null) {
                return null;
            }
            return AntiXss.insertsMarkup(reference) ? value : AntiXss.encode(value);
        }
    }

    /** Reads templates from a class loader. */
    private static final class BundleResourceLoader extends ResourceLoader {

        private final ClassLoader loader;

        BundleResourceLoader(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        public void init(ExtProperties configuration) {
            // nothing to configure
        }

        @Override
        public Reader getResourceReader(String source, String encoding) {
            InputStream in = loader.getResourceAsStream(source);
            if (in == null) {
                throw new ResourceNotFoundException("template not found: " + source);
            }
            return new InputStreamReader(in, encoding == null ? StandardCharsets.UTF_8
                    : java.nio.charset.Charset.forName(encoding));
        }

        @Override
        public boolean isSourceModified(Resource resource) {
            return false;
        }

        @Override
        public long getLastModified(Resource resource) {
            return 0;
        }
    }
}
