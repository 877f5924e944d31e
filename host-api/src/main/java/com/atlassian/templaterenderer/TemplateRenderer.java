package com.atlassian.templaterenderer;

import java.io.IOException;
import java.io.Writer;
import java.util.Map;

/**
 * Renders a plugin's Velocity templates (looked up on the plugin's class path).
 *
 * <p>Signature: atlassian-template-renderer-api 5.0.4, per confluence-platform.md B.4; throws clauses checked against
 * the open-source {@code TemplateRenderer} interface found by the search tool.
 */
public interface TemplateRenderer {

    /**
     * Renders a template with the default context.
     *
     * @param templateName the template's resource name
     * @param writer       where to write the result
     * @throws RenderingException if the engine fails
     * @throws IOException        if the template cannot be read or the writer fails
     */
    void render(String templateName, Writer writer) throws RenderingException, IOException;

    /**
     * Renders a template with a context.
     *
     * @param templateName the template's resource name
     * @param context      the objects available to the template
     * @param writer       where to write the result
     * @throws RenderingException if the engine fails
     * @throws IOException        if the template cannot be read or the writer fails
     */
    void render(String templateName, Map<String, Object> context, Writer writer)
            throws RenderingException, IOException;

    /**
     * Renders a template fragment given as text.
     *
     * @param fragment the template text
     * @param context  the objects available to the template
     * @return the rendered text
     * @throws RenderingException if the engine fails
     */
    String renderFragment(String fragment, Map<String, Object> context) throws RenderingException;

    /**
     * Whether a template exists.
     *
     * @param templateName the template's resource name
     * @return true if it can be found
     */
    boolean resolve(String templateName);
}
