package io.mailseal.sandbox.web;

import io.mailseal.sandbox.host.DirectoryUser;
import io.mailseal.sandbox.host.LdapDirectory;
import io.mailseal.sandbox.host.RequestPageBuilderService;
import io.mailseal.sandbox.plugin.InstalledPlugin;
import io.mailseal.sandbox.plugin.PluginDescriptor;
import io.mailseal.sandbox.plugin.PluginHost;
import io.mailseal.testkit.confluence.InMemoryI18nResolver;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.servlet.http.HttpServletRequest;

/**
 * The page layout of the sandbox, in AUI's markup: a header with the sandbox's own links and the user's profile menu,
 * and, for the {@code atl.admin} decorator, the admin sidebar, for {@code atl.userprofile} the profile sidebar. The
 * sidebar and menu hold the web items of every started plugin: admin sections are the web sections at
 * {@code system.admin} and their items ({@code system.admin/<section>}); the profile menu and sidebar hold the items
 * of the sections {@code system.user/*}, {@code system.profile} and {@code system.settings.edit/*} (Confluence's
 * locations for the user menu, the profile tabs and the settings sidebar). Labels come from the plugins' i18n texts.
 * The head carries AUI (vendored from npm at build time, or the sandbox's own stylesheet without it) and the
 * {@code <link>}/{@code <script>} tags of the web resources the page required and of those in the decorator's
 * contexts ({@code atl.general} always, plus {@code atl.admin} or {@code atl.userprofile}).
 *
 * <p>Thread-safe: stateless apart from its immutable collaborators.
 */
public final class Layout {

    /** The decorator of ordinary pages. */
    public static final String GENERAL = "atl.general";
    /** The decorator of admin pages. */
    public static final String ADMIN = "atl.admin";
    /** The decorator of the user's profile and settings pages. */
    public static final String USER_PROFILE = "atl.userprofile";
    /** Appended to a profile web-item's link id for its entry in the user menu. */
    public static final String MENU_ID_SUFFIX = "-menu";

    private final PluginHost plugins;
    private final InMemoryI18nResolver i18n;
    private final LdapDirectory users;
    private final boolean aui;

    /**
     * Creates the layout.
     *
     * @param plugins the started plugins
     * @param i18n    their texts
     * @param users   the directory, for the user's name
     * @param aui     whether AUI was vendored into the sandbox at build time
     */
    public Layout(PluginHost plugins, InMemoryI18nResolver i18n, LdapDirectory users, boolean aui) {
        this.plugins = Objects.requireNonNull(plugins, "plugins");
        this.i18n = Objects.requireNonNull(i18n, "i18n");
        this.users = Objects.requireNonNull(users, "users");
        this.aui = aui;
    }

    /**
     * Whether AUI is served.
     *
     * @return true if AUI was vendored at build time
     */
    public boolean aui() {
        return aui;
    }

    /**
     * Renders a whole page.
     *
     * @param request the request (its user, its required web resources)
     * @param page    what goes into the layout
     * @return the HTML document
     */
    public String render(HttpServletRequest request, Page page) {
        Optional<DirectoryUser> user = users.byName(request.getRemoteUser());
        String decorator = switch (page.decorator()) {
            case ADMIN, USER_PROFILE -> page.decorator();
            default -> GENERAL;
        };
        StringBuilder html = new StringBuilder(8192);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Html.escape(page.title())).append(" - Confluence (Mailseal sandbox)")
                .append("</title>\n");
        if (aui) {
            html.append("<link rel=\"stylesheet\" href=\"/static/vendor/aui/aui-prototyping.css\">\n")
                    .append("<script src=\"/static/vendor/jquery/jquery.min.js\"></script>\n")
                    .append("<script src=\"/static/vendor/aui/aui-prototyping.js\"></script>\n");
        }
        html.append("<link rel=\"stylesheet\" href=\"/static/sandbox.css\">\n");
        for (String tag : resourceTags(request, decorator)) {
            html.append(tag).append('\n');
        }
        html.append(page.headHtml()).append("\n</head>\n<body class=\"aui-layout aui-theme-default sandbox-")
                .append(decorator.replace('.', '-')).append(aui ? "" : " sandbox-no-aui")
                .append("\">\n<div id=\"page\">\n");
        header(html, user);
        if (!aui) {
            html.append("<div class=\"sandbox-notice\">AUI was not vendored when this sandbox was built (npm was not"
                    + " available); pages use the sandbox's own small stylesheet.</div>\n");
        }
        html.append("<div id=\"content\" class=\"aui-page-panel\"><div class=\"aui-page-panel-inner\">\n");
        if (decorator.equals(ADMIN)) {
            html.append("<div class=\"aui-page-panel-nav\">").append(adminSidebar(request)).append("</div>\n");
        } else if (decorator.equals(USER_PROFILE)) {
            html.append("<div class=\"aui-page-panel-nav\">").append(profileSidebar(request)).append("</div>\n");
        }
        html.append("<section class=\"aui-page-panel-content\">\n").append(page.bodyHtml())
                .append("\n</section></div></div>\n")
                .append("<footer id=\"footer\" role=\"contentinfo\"><section class=\"footer-body\">"
                        + "Mailseal sandbox: the real Mailseal plugin jar in a Confluence-like host. Not Confluence."
                        + "</section></footer>\n</div>\n</body>\n</html>\n");
        return html.toString();
    }

    /**
     * The web items of the admin sidebar's plugin sections, for the sandbox's admin landing page.
     *
     * @return each section's label and its items
     */
    public List<Section> adminSections() {
        List<Section> sections = new ArrayList<>();
        for (InstalledPlugin plugin : plugins.plugins()) {
            for (PluginDescriptor.WebSection section : plugin.descriptor().webSections()) {
                if ("system.admin".equals(section.location())) {
                    sections.add(new Section(section.weight(), label(section.label(), section.key()),
                            items(item -> item.section().equals("system.admin/" + section.key()))));
                }
            }
        }
        sections.sort(Comparator.comparingInt(Section::weight));
        return sections;
    }

    /**
     * The web items of the profile menu and sidebar.
     *
     * @return the items, by weight
     */
    public List<Item> profileItems() {
        return items(item -> item.section().startsWith("system.user/") || item.section().equals("system.profile")
                || item.section().startsWith("system.settings.edit"));
    }

    private void header(StringBuilder html, Optional<DirectoryUser> user) {
        html.append("<header id=\"header\" role=\"banner\"><nav class=\"aui-header aui-dropdown2-trigger-group\""
                + " aria-label=\"site\"><div class=\"aui-header-inner\"><div class=\"aui-header-primary\">"
                + "<span id=\"logo\" class=\"aui-header-logo aui-header-logo-textonly\"><a href=\"/\"><span class=\"aui-header-logo-device\">"
                + "Confluence</span> <span class=\"sandbox-badge\">Mailseal sandbox</span></a></span>"
                + "<ul class=\"aui-nav\">");
        if (user.isPresent()) {
            html.append("<li><a id=\"nav-pages\" href=\"/pages\">Pages</a></li>");
            if (user.get().systemAdmin()) {
                html.append("<li><a id=\"nav-mailbox\" href=\"/mailbox\">Mailbox</a></li>")
                        .append("<li><a id=\"nav-admin\" href=\"/admin\">Administration</a></li>");
            }
        }
        html.append("</ul></div><div class=\"aui-header-secondary\"><ul class=\"aui-nav\">");
        if (user.isEmpty()) {
            html.append("<li><a id=\"login-link\" href=\"/login.action\">Log in</a></li>");
        } else {
            html.append("<li><a href=\"#user-menu\" id=\"user-menu-link\" aria-haspopup=\"true\""
                    + " class=\"aui-dropdown2-trigger\" aria-controls=\"user-menu\">")
                    .append(Html.escape(user.get().fullName())).append("</a>")
                    .append("<aui-dropdown-menu id=\"user-menu\"><aui-section>")
                    .append("<aui-item-link href=\"/profile\" id=\"view-profile\">Profile</aui-item-link>");
            for (Item item : profileItems()) {
                html.append("<aui-item-link href=\"").append(Html.escape(item.link())).append("\"")
                        // the plugin's link id belongs to the profile sidebar (Confluence's place for these
                        // items); the menu's copy gets its own, so a profile page has no duplicate id
                        .append(item.id() == null ? "" : " id=\"" + Html.escape(item.id()) + MENU_ID_SUFFIX + "\"")
                        .append(">")
                        .append(Html.escape(item.label())).append("</aui-item-link>");
            }
            html.append("</aui-section><aui-section><aui-item-link href=\"/logout.action\" id=\"logout-link\">"
                    + "Log out</aui-item-link></aui-section></aui-dropdown-menu></li>");
        }
        html.append("</ul></div></div></nav></header>\n");
    }

    private String adminSidebar(HttpServletRequest request) {
        StringBuilder nav = new StringBuilder("<nav class=\"aui-navgroup aui-navgroup-vertical\" id=\"admin-sidebar\">"
                + "<div class=\"aui-navgroup-inner\">");
        nav.append("<div class=\"aui-nav-heading\"><strong>Sandbox</strong></div><ul class=\"aui-nav\">")
                .append(link(request, "/admin", "Overview", "admin-overview"))
                .append(link(request, "/mailbox", "Mailbox", "admin-mailbox")).append("</ul>");
        for (Section section : adminSections()) {
            nav.append("<div class=\"aui-nav-heading\"><strong>").append(Html.escape(section.label()))
                    .append("</strong></div><ul class=\"aui-nav\">");
            for (Item item : section.items()) {
                nav.append(link(request, item.link(), item.label(), item.id()));
            }
            nav.append("</ul>");
        }
        return nav.append("</div></nav>").toString();
    }

    private String profileSidebar(HttpServletRequest request) {
        StringBuilder nav = new StringBuilder("<nav class=\"aui-navgroup aui-navgroup-vertical\""
                + " id=\"profile-sidebar\"><div class=\"aui-navgroup-inner\"><div class=\"aui-nav-heading\">"
                + "<strong>Your profile</strong></div><ul class=\"aui-nav\">");
        nav.append(link(request, "/profile", "Profile", "profile-overview"));
        for (Item item : profileItems()) {
            nav.append(link(request, item.link(), item.label(), item.id()));
        }
        return nav.append("</ul></div></nav>").toString();
    }

    private static String link(HttpServletRequest request, String href, String label, String id) {
        String path = request.getRequestURI();
        String target = href.contains("?") ? href.substring(0, href.indexOf('?')) : href;
        boolean selected = path != null && path.equals(target);
        return "<li" + (selected ? " class=\"aui-nav-selected\"" : "") + "><a href=\"" + Html.escape(href) + "\""
                + (id == null ? "" : " id=\"" + Html.escape(id) + "\"") + ">" + Html.escape(label) + "</a></li>";
    }

    private List<Item> items(java.util.function.Predicate<PluginDescriptor.WebItem> which) {
        List<Item> items = new ArrayList<>();
        for (InstalledPlugin plugin : plugins.plugins()) {
            for (PluginDescriptor.WebItem item : plugin.descriptor().webItems()) {
                if (item.section() != null && which.test(item)) {
                    items.add(new Item(item.weight(), label(item.label(), item.key()), href(item.link()),
                            item.linkId() != null ? item.linkId() : item.key()));
                }
            }
        }
        items.sort(Comparator.comparingInt(Item::weight));
        return items;
    }

    private String label(PluginDescriptor.Label label, String fallback) {
        if (label.i18nKey() != null) {
            String text = i18n.getText(label.i18nKey());
            if (!text.equals(label.i18nKey())) {
                return text;
            }
        }
        return label.text() == null || label.text().isBlank() ? fallback : label.text();
    }

    private static String href(String link) {
        String lower = link.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://") || link.startsWith("/")) {
            return lower.startsWith("javascript:") ? "#" : link;
        }
        return "/" + link;
    }

    /** The tags of the web resources a page needs, dependencies first, each once. */
    private List<String> resourceTags(HttpServletRequest request, String decorator) {
        RequestPageBuilderService.RecordingAssembler assembler = RequestPageBuilderService.of(request);
        Set<String> contexts = new LinkedHashSet<>();
        contexts.add(GENERAL);
        contexts.add(decorator);
        contexts.addAll(assembler.contexts());
        Set<String> keys = new LinkedHashSet<>();
        for (InstalledPlugin plugin : plugins.plugins()) {
            for (PluginDescriptor.WebResource resource : plugin.descriptor().webResources()) {
                if (resource.contexts().stream().anyMatch(contexts::contains)) {
                    collect(plugin.key() + ":" + resource.key(), keys, new LinkedHashSet<>());
                }
            }
        }
        for (String key : assembler.webResources()) {
            collect(key, keys, new LinkedHashSet<>());
        }
        List<String> tags = new ArrayList<>();
        for (String key : keys) {
            resource(key).ifPresent(resource -> {
                for (PluginDescriptor.Download download : resource.resources()) {
                    String url = "/download/resources/" + key + "/" + download.name();
                    if (download.name().endsWith(".css")) {
                        tags.add("<link rel=\"stylesheet\" href=\"" + Html.escape(url) + "\">");
                    } else if (download.name().endsWith(".js")) {
                        tags.add("<script src=\"" + Html.escape(url) + "\"></script>");
                    }
                }
            });
        }
        return tags;
    }

    private void collect(String key, Set<String> into, Set<String> visiting) {
        if (into.contains(key) || !visiting.add(key) || key.startsWith("com.atlassian.auiplugin:")) {
            return;
        }
        resource(key).ifPresent(resource -> resource.dependencies().forEach(d -> collect(d, into, visiting)));
        if (resource(key).isPresent()) {
            into.add(key);
        }
    }

    /**
     * A web resource by complete key.
     *
     * @param completeKey {@code pluginKey:moduleKey}
     * @return the resource, if a started plugin declares it
     */
    public Optional<PluginDescriptor.WebResource> resource(String completeKey) {
        int colon = completeKey.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String pluginKey = completeKey.substring(0, colon);
        String moduleKey = completeKey.substring(colon + 1);
        return plugins.plugin(pluginKey).flatMap(p -> p.descriptor().webResources().stream()
                .filter(r -> r.key().equals(moduleKey)).findFirst());
    }

    /**
     * What a page puts into the layout.
     *
     * @param title     the page title (text)
     * @param decorator {@link #GENERAL}, {@link #ADMIN} or {@link #USER_PROFILE}
     * @param headHtml  more HTML for the head (trusted: the sandbox's own or the plugin's page head)
     * @param bodyHtml  the page content (trusted HTML, already escaped where needed)
     */
    public record Page(String title, String decorator, String headHtml, String bodyHtml) {

        /**
         * A page without extra head content.
         *
         * @param title     the title
         * @param decorator the decorator
         * @param bodyHtml  the content
         * @return the page
         */
        public static Page of(String title, String decorator, String bodyHtml) {
            return new Page(title, decorator, "", bodyHtml);
        }
    }

    /**
     * A web section of the admin sidebar.
     *
     * @param weight its order
     * @param label  its label
     * @param items  its items
     */
    public record Section(int weight, String label, List<Item> items) {
    }

    /**
     * A web item.
     *
     * @param weight its order
     * @param label  its label
     * @param link   where it goes
     * @param id     its element id
     */
    public record Item(int weight, String label, String link, String id) {
    }
}
