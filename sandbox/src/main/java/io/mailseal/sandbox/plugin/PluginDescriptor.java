package io.mailseal.sandbox.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What the sandbox reads from a plugin's {@code atlassian-plugin.xml}: the servlet modules, web sections, web items,
 * web resources, i18n resources and Active Objects entities. Other module types are ignored, as they would be by a
 * Confluence that does not know them.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param key          the plugin key
 * @param name         the plugin's display name
 * @param servlets     the servlet modules
 * @param webSections  the web sections
 * @param webItems     the web items
 * @param webResources the web resources
 * @param i18n         the i18n resource locations (without {@code .properties})
 * @param aoEntities   the class names of the Active Objects entities
 */
public record PluginDescriptor(String key, String name, List<ServletModule> servlets, List<WebSection> webSections,
                               List<WebItem> webItems, List<WebResource> webResources, List<String> i18n,
                               List<String> aoEntities) {

    /** The descriptor's name inside a plugin jar. */
    public static final String FILE = "atlassian-plugin.xml";

    /** Copies the lists. */
    public PluginDescriptor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(name, "name");
        servlets = List.copyOf(servlets);
        webSections = List.copyOf(webSections);
        webItems = List.copyOf(webItems);
        webResources = List.copyOf(webResources);
        i18n = List.copyOf(i18n);
        aoEntities = List.copyOf(aoEntities);
    }

    /**
     * A {@code <servlet>} module.
     *
     * @param key         the module key
     * @param className   the servlet class, loaded by the plugin's bundle
     * @param urlPatterns its {@code <url-pattern>}s, relative to {@code /plugins/servlet}
     * @param initParams  its {@code <init-param>}s
     */
    public record ServletModule(String key, String className, List<String> urlPatterns,
                                Map<String, String> initParams) {
        /** Copies the collections. */
        public ServletModule {
            urlPatterns = List.copyOf(urlPatterns);
            initParams = Map.copyOf(initParams);
        }
    }

    /**
     * A {@code <web-section>}.
     *
     * @param key      the module key
     * @param location where it appears, e.g. {@code system.admin}
     * @param weight   its order (lower first)
     * @param label    its label
     */
    public record WebSection(String key, String location, int weight, Label label) {
    }

    /**
     * A {@code <web-item>}.
     *
     * @param key     the module key
     * @param section the section it belongs to, e.g. {@code system.admin/mailseal}
     * @param weight  its order (lower first)
     * @param label   its label
     * @param link    its link, relative to the context path unless absolute
     * @param linkId  the link's element id, if given
     */
    public record WebItem(String key, String section, int weight, Label label, String link, String linkId) {
    }

    /**
     * A label: an i18n key, or a literal text, or both.
     *
     * @param i18nKey the {@code key} attribute; may be null
     * @param text    the element's text or the module's {@code name}; may be empty
     */
    public record Label(String i18nKey, String text) {
    }

    /**
     * A {@code <web-resource>}.
     *
     * @param key          the module key
     * @param dependencies the complete keys of the web resources it needs
     * @param contexts     the contexts it belongs to ({@code atl.admin}, ...)
     * @param resources    its downloadable files
     */
    public record WebResource(String key, List<String> dependencies, List<String> contexts,
                              List<Download> resources) {
        /** Copies the lists. */
        public WebResource {
            dependencies = List.copyOf(dependencies);
            contexts = List.copyOf(contexts);
            resources = List.copyOf(resources);
        }
    }

    /**
     * A {@code <resource type="download">}.
     *
     * @param name     the name in its URL; a name ending in {@code /} stands for a directory
     * @param location where it is in the bundle
     */
    public record Download(String name, String location) {
    }

    /**
     * The servlet module whose URL pattern matches a path: an exact pattern, or a pattern ending in {@code /*} that
     * matches its prefix. The longest pattern wins, as in the servlet specification.
     *
     * @param path the path below {@code /plugins/servlet}, starting with {@code /}
     * @return the module and the pattern that matched
     */
    public Optional<Map.Entry<ServletModule, String>> servletFor(String path) {
        Map.Entry<ServletModule, String> best = null;
        for (ServletModule servlet : servlets) {
            for (String pattern : servlet.urlPatterns()) {
                boolean matches = pattern.endsWith("/*")
                        ? path.equals(pattern.substring(0, pattern.length() - 2))
                                || path.startsWith(pattern.substring(0, pattern.length() - 1))
                        : path.equals(pattern);
                if (matches && (best == null || pattern.length() > best.getValue().length())) {
                    best = Map.entry(servlet, pattern);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Reads a descriptor.
     *
     * @param in the XML
     * @return the descriptor
     * @throws IOException if the XML cannot be read or is not a plugin descriptor
     */
    public static PluginDescriptor read(InputStream in) throws IOException {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            document = builder.parse(in);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a readable " + FILE + ": " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!"atlassian-plugin".equals(root.getTagName())) {
            throw new IOException(FILE + " has the root element <" + root.getTagName() + ">");
        }
        String key = root.getAttribute("key");
        List<ServletModule> servlets = new ArrayList<>();
        List<WebSection> sections = new ArrayList<>();
        List<WebItem> items = new ArrayList<>();
        List<WebResource> resources = new ArrayList<>();
        List<String> i18n = new ArrayList<>();
        List<String> entities = new ArrayList<>();
        for (Element module : children(root, null)) {
            switch (module.getTagName()) {
                case "servlet" -> {
                    Map<String, String> params = new LinkedHashMap<>();
                    for (Element param : children(module, "init-param")) {
                        params.put(text(param, "param-name"), text(param, "param-value"));
                    }
                    servlets.add(new ServletModule(module.getAttribute("key"), module.getAttribute("class"),
                            children(module, "url-pattern").stream().map(e -> e.getTextContent().strip()).toList(),
                            params));
                }
                case "web-section" -> sections.add(new WebSection(module.getAttribute("key"),
                        module.getAttribute("location"), weight(module), label(module)));
                case "web-item" -> {
                    Element link = children(module, "link").stream().findFirst().orElse(null);
                    items.add(new WebItem(module.getAttribute("key"), module.getAttribute("section"), weight(module),
                            label(module), link == null ? "" : link.getTextContent().strip(),
                            link == null || link.getAttribute("linkId").isEmpty() ? null : link.getAttribute("linkId")));
                }
                case "web-resource" -> resources.add(new WebResource(module.getAttribute("key"),
                        children(module, "dependency").stream().map(e -> e.getTextContent().strip()).toList(),
                        children(module, "context").stream().map(e -> e.getTextContent().strip()).toList(),
                        children(module, "resource").stream()
                                .filter(e -> "download".equals(e.getAttribute("type")))
                                .map(e -> new Download(e.getAttribute("name"), e.getAttribute("location")))
                                .toList()));
                case "resource" -> {
                    if ("i18n".equals(module.getAttribute("type"))) {
                        i18n.add(module.getAttribute("location"));
                    }
                }
                case "ao" -> children(module, "entity").forEach(e -> entities.add(e.getTextContent().strip()));
                default -> {
                    // a module type the sandbox does not host
                }
            }
        }
        return new PluginDescriptor(key, root.getAttribute("name").isEmpty() ? key : root.getAttribute("name"),
                servlets, sections, items, resources, i18n, entities);
    }

    private static int weight(Element module) {
        try {
            return module.getAttribute("weight").isEmpty() ? 1000 : Integer.parseInt(module.getAttribute("weight"));
        } catch (NumberFormatException e) {
            return 1000;
        }
    }

    private static Label label(Element module) {
        Element label = children(module, "label").stream().findFirst().orElse(null);
        if (label == null) {
            return new Label(null, module.getAttribute("name"));
        }
        String text = label.getTextContent().strip();
        return new Label(label.getAttribute("key").isEmpty() ? null : label.getAttribute("key"),
                text.isEmpty() ? module.getAttribute("name") : text);
    }

    private static String text(Element parent, String child) {
        return children(parent, child).stream().findFirst().map(e -> e.getTextContent().strip()).orElse("");
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element element && (tag == null || tag.equals(element.getTagName()))) {
                found.add(element);
            }
        }
        return found;
    }
}
