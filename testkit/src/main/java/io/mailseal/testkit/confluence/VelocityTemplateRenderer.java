package io.mailseal.testkit.confluence;

import com.atlassian.templaterenderer.RenderingException;
import com.atlassian.templaterenderer.TemplateRenderer;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.velocity.Template;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.exception.VelocityException;
import org.apache.velocity.runtime.RuntimeConstants;
import org.apache.velocity.runtime.log.NullLogChute;
import org.apache.velocity.runtime.parser.node.MapGetExecutor;
import org.apache.velocity.runtime.resource.loader.ClasspathResourceLoader;
import org.apache.velocity.util.introspection.Info;
import org.apache.velocity.util.introspection.UberspectImpl;
import org.apache.velocity.util.introspection.VelMethod;
import org.apache.velocity.util.introspection.VelPropertyGet;
import org.apache.velocity.util.introspection.VelPropertySet;

/**
 * The template renderer as Confluence runs it for a plugin (Velocity, templates from the class path), made stricter
 * than Confluence 9's method allow-list so a test fails where Confluence might: a template may not call any method,
 * may read properties only of maps ({@code $row.name}), and must name only references that are in its context
 * (Velocity's strict reference mode). The context itself may hold only strings, booleans, numbers, lists and maps of
 * those: a service or domain object handed to a template is refused before rendering. Every inserted value is
 * HTML-encoded unless its reference ends in {@code Html} ({@link AntiXss}, Confluence's anti-XSS rule for plugins).
 *
 * <p>Velocity here is 1.7 (Confluence 8.7 ships 1.6.4-atlassian); the template language is the same.
 *
 * <p>Thread-safe: the engine is initialised once and Velocity's engine is thread-safe.
 */
public final class VelocityTemplateRenderer implements TemplateRenderer {

    private final VelocityEngine engine = new VelocityEngine();

    /** Creates the renderer and its engine. */
    public VelocityTemplateRenderer() {
        Properties properties = new Properties();
        properties.setProperty(RuntimeConstants.RESOURCE_LOADER, "class");
        properties.setProperty("class.resource.loader.class", ClasspathResourceLoader.class.getName());
        properties.setProperty(RuntimeConstants.RUNTIME_REFERENCES_STRICT, "true");
        properties.setProperty(RuntimeConstants.UBERSPECT_CLASSNAME, PlainDataUberspect.class.getName());
        properties.setProperty(RuntimeConstants.INPUT_ENCODING, "UTF-8");
        properties.setProperty(RuntimeConstants.OUTPUT_ENCODING, "UTF-8");
        properties.setProperty(RuntimeConstants.RUNTIME_LOG_LOGSYSTEM_CLASS, NullLogChute.class.getName());
        engine.init(properties);
    }

    @Override
    public void render(String templateName, Writer writer) throws IOException {
        render(templateName, Map.of(), writer);
    }

    @Override
    public void render(String templateName, Map<String, Object> context, Writer writer) throws IOException {
        checkPlain(context, "context");
        Template template;
        try {
            template = engine.getTemplate(templateName, "UTF-8");
        } catch (VelocityException e) {
            throw new RenderingException("template " + templateName + ": " + e.getMessage(), e);
        }
        try {
            template.merge(context(context), writer);
        } catch (VelocityException e) {
            throw new RenderingException("template " + templateName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String renderFragment(String fragment, Map<String, Object> context) {
        checkPlain(context, "context");
        StringWriter writer = new StringWriter();
        try {
            engine.evaluate(context(context), writer, "fragment", fragment);
        } catch (VelocityException e) {
            throw new RenderingException("fragment: " + e.getMessage(), e);
        }
        return writer.toString();
    }

    @Override
    public boolean resolve(String templateName) {
        return templateName != null && engine.resourceExists(templateName);
    }

    private static VelocityContext context(Map<String, Object> values) {
        VelocityContext context = new VelocityContext(new HashMap<>(values));
        EventCartridge cartridge = new EventCartridge();
        cartridge.addEventHandler((ReferenceInsertionEventHandler) (reference, value) ->
                value == null || AntiXss.insertsMarkup(reference) ? value : AntiXss.encode(value));
        cartridge.attachToContext(context);
        return context;
    }

    /** Refuses anything but strings, booleans, numbers, lists and string-keyed maps, at any depth. */
    private static void checkPlain(Object value, String where) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                checkPlain(list.get(i), where + "[" + i + "]");
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String key)) {
                    throw new RenderingException(where + " has a key that is not a string: " + entry.getKey());
                }
                checkPlain(entry.getValue(), where + "." + key);
            }
            return;
        }
        throw new RenderingException(where + " is a " + value.getClass().getName()
                + "; templates get strings, booleans, numbers, lists and maps only");
    }

    /**
     * Velocity's introspection, cut down to plain data: iteration and map look-ups; every method call and every
     * property of something that is not a map is an error.
     *
     * <p>Thread-safe: stateless beyond its superclass.
     */
    public static final class PlainDataUberspect extends UberspectImpl {

        @Override
        public VelMethod getMethod(Object target, String methodName, Object[] args, Info info) {
            throw new VelocityException("a template calls the method " + methodName + " at " + info
                    + "; Confluence 9 allows only allow-listed calls, Mailseal's templates make none");
        }

        @Override
        public VelPropertyGet getPropertyGet(Object target, String identifier, Info info) {
            if (target instanceof Map) {
                return new VelGetterImpl(new MapGetExecutor(log, target.getClass(), identifier));
            }
            throw new VelocityException("a template reads ." + identifier + " of a "
                    + (target == null ? "null" : target.getClass().getName()) + " at " + info
                    + "; only maps have properties");
        }

        @Override
        public VelPropertySet getPropertySet(Object target, String identifier, Object arg, Info info) {
            throw new VelocityException("a template sets ." + identifier + " at " + info);
        }
    }
}
