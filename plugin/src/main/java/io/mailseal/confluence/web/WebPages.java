package io.mailseal.confluence.web;

import com.atlassian.sal.api.auth.LoginUriProvider;
import com.atlassian.sal.api.message.I18nResolver;
import com.atlassian.sal.api.user.UserKey;
import com.atlassian.sal.api.user.UserManager;
import com.atlassian.sal.api.user.UserProfile;
import com.atlassian.sal.api.websudo.WebSudoManager;
import com.atlassian.sal.api.websudo.WebSudoSessionException;
import com.atlassian.sal.api.xsrf.XsrfTokenAccessor;
import com.atlassian.sal.api.xsrf.XsrfTokenValidator;
import com.atlassian.templaterenderer.TemplateRenderer;
import com.atlassian.webresource.api.assembler.PageBuilderService;
import io.mailseal.store.AuditEvent;
import io.mailseal.store.AuditLog;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Mailseal screen does the same way: who may see it, whether a change may be made, how a page is rendered
 * and how a change is audited (the rules are listed in this package's description).
 *
 * <ul>
 *   <li>{@link #admin}: anonymous users are redirected to the login page; users who are not system administrators get
 *       403; a system administrator without a WebSudo session is sent to the WebSudo prompt
 *       (confluence-platform.md C.4).</li>
 *   <li>{@link #user}: anonymous users are redirected to the login page; users without a license get 403.</li>
 *   <li>{@link #acceptsChange}: only a POST with a valid {@code atl_token}.</li>
 *   <li>{@link #render}: the screen's template with decorator meta tags, every text from i18n and escaped.</li>
 *   <li>{@link #audit}: who (user key), what (a stable action code), when (the clock), on what; never a secret.</li>
 * </ul>
 *
 * <p>Thread-safe: holds only thread-safe host services.
 */
public final class WebPages {

    /** The plugin key (atlassian-plugin.xml). */
    public static final String PLUGIN_KEY = "io.mailseal.confluence";
    /** The web resource every screen requires (a little CSS). */
    public static final String WEB_RESOURCE = PLUGIN_KEY + ":mailseal-web";
    /** The i18n key prefix of Mailseal's texts. */
    private static final String TEXT_PREFIX = "mailseal.";

    private static final Logger LOG = LoggerFactory.getLogger(WebPages.class);

    private final UserManager userManager;
    private final LoginUriProvider loginUriProvider;
    private final WebSudoManager webSudoManager;
    private final XsrfTokenValidator xsrfTokenValidator;
    private final XsrfTokenAccessor xsrfTokenAccessor;
    private final TemplateRenderer templateRenderer;
    private final I18nResolver i18n;
    private final PageBuilderService pageBuilderService;
    private final AuditLog auditLog;
    private final Clock clock;

    /**
     * Creates the pages' common parts.
     *
     * @param userManager        who is asking
     * @param loginUriProvider   where anonymous users log in
     * @param webSudoManager     the WebSudo session of admin pages
     * @param xsrfTokenValidator checks the token of a change
     * @param xsrfTokenAccessor  the token for forms
     * @param templateRenderer   renders the templates
     * @param i18n               the texts
     * @param pageBuilderService the web resources of a page
     * @param auditLog           where changes are recorded
     * @param clock              when they happened
     */
    public WebPages(UserManager userManager, LoginUriProvider loginUriProvider, WebSudoManager webSudoManager,
                    XsrfTokenValidator xsrfTokenValidator, XsrfTokenAccessor xsrfTokenAccessor,
                    TemplateRenderer templateRenderer, I18nResolver i18n, PageBuilderService pageBuilderService,
                    AuditLog auditLog, Clock clock) {
        this.userManager = Objects.requireNonNull(userManager, "userManager");
        this.loginUriProvider = Objects.requireNonNull(loginUriProvider, "loginUriProvider");
        this.webSudoManager = Objects.requireNonNull(webSudoManager, "webSudoManager");
        this.xsrfTokenValidator = Objects.requireNonNull(xsrfTokenValidator, "xsrfTokenValidator");
        this.xsrfTokenAccessor = Objects.requireNonNull(xsrfTokenAccessor, "xsrfTokenAccessor");
        this.templateRenderer = Objects.requireNonNull(templateRenderer, "templateRenderer");
        this.i18n = Objects.requireNonNull(i18n, "i18n");
        this.pageBuilderService = Objects.requireNonNull(pageBuilderService, "pageBuilderService");
        this.auditLog = Objects.requireNonNull(auditLog, "auditLog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Lets a system administrator in a WebSudo session through; answers everyone else.
     *
     * @param request  the request
     * @param response the response; written to unless the user may go on
     * @return the administrator, or empty if the response was already sent (login redirect, 403, WebSudo prompt)
     * @throws IOException if the answer cannot be sent
     */
    public Optional<UserProfile> admin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UserProfile user = userManager.getRemoteUser(request);
        if (user == null) {
            redirectToLogin(request, response);
            return Optional.empty();
        }
        if (!userManager.isSystemAdmin(user.getUserKey())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, text("error.notAdmin"));
            return Optional.empty();
        }
        if (!webSudoManager.canExecuteRequest(request)) {
            webSudoManager.enforceWebSudoProtection(request, response);
            return Optional.empty();
        }
        try {
            webSudoManager.willExecuteWebSudoRequest(request);
        } catch (WebSudoSessionException e) {
            webSudoManager.enforceWebSudoProtection(request, response);
            return Optional.empty();
        }
        return Optional.of(user);
    }

    /**
     * Lets a licensed user through; answers everyone else.
     *
     * @param request  the request
     * @param response the response; written to unless the user may go on
     * @return the user, or empty if the response was already sent (login redirect, 403)
     * @throws IOException if the answer cannot be sent
     */
    public Optional<UserProfile> user(HttpServletRequest request, HttpServletResponse response) throws IOException {
        UserProfile user = userManager.getRemoteUser(request);
        if (user == null) {
            redirectToLogin(request, response);
            return Optional.empty();
        }
        if (!userManager.isLicensed(user.getUserKey())) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN, text("error.notLicensed"));
            return Optional.empty();
        }
        return Optional.of(user);
    }

    /**
     * Checks a user's current password through the host (SAL {@code UserManager.authenticate(String, String)}, which
     * asks the user's directory). Used before handing out a private key; never logs the password.
     *
     * @param user     the user (their user name is checked)
     * @param password the password as typed
     * @return true if it is the user's password
     */
    public boolean passwordMatches(UserProfile user, String password) {
        if (password == null || password.isEmpty()) {
            return false;
        }
        try {
            return userManager.authenticate(user.getUsername(), password);
        } catch (RuntimeException e) {
            LOG.warn("Mailseal: the password of {} cannot be checked: {}", user.getUsername(), e.getClass().getName());
            return false;
        }
    }

    /**
     * Whether a request may change something: a POST whose {@code atl_token} is valid.
     *
     * @param request the request (for a multipart form, one that shows the form's fields as parameters)
     * @return true if the change may be made
     */
    public boolean acceptsChange(HttpServletRequest request) {
        return "POST".equals(request.getMethod()) && xsrfTokenValidator.validateFormEncodedToken(request);
    }

    /**
     * Answers a change that {@link #acceptsChange} refused: 403 and a page that says nothing was changed.
     *
     * @param request  the request
     * @param response the response
     * @param screen   the screen the form was on
     * @throws IOException if the page cannot be written
     */
    public void refuseChange(HttpServletRequest request, HttpServletResponse response, Screen screen)
            throws IOException {
        renderRefusal(request, response, screen, HttpServletResponse.SC_FORBIDDEN, List.of(text("error.token")));
    }

    /**
     * Answers a request that changed nothing with a status and a page that says why.
     *
     * @param request  the request
     * @param response the response
     * @param screen   the screen the request was for
     * @param status   the HTTP status
     * @param errors   why, in plain words (raw; escaped here)
     * @throws IOException if the page cannot be written
     */
    public void renderRefusal(HttpServletRequest request, HttpServletResponse response, Screen screen, int status,
                              List<String> errors) throws IOException {
        response.setStatus(status);
        Model model = Model.create().texts("errors", errors).texts("messages", List.of());
        render(request, response, screen, "templates/mailseal/refused.html.vm", model);
    }

    /**
     * Renders a screen's own template.
     *
     * @param request  the request
     * @param response the response
     * @param screen   the screen
     * @param model    the screen's values
     * @throws IOException if the page cannot be written
     */
    public void render(HttpServletRequest request, HttpServletResponse response, Screen screen, Model model)
            throws IOException {
        render(request, response, screen, screen.template(), model);
    }

    private void render(HttpServletRequest request, HttpServletResponse response, Screen screen, String template,
                        Model model) throws IOException {
        String base = contextPath(request);
        model.model("t", texts())
                .text("title", text(screen.titleKey()))
                .text("decorator", screen.decorator())
                .text("tokenName", xsrfTokenValidator.getXsrfParameterName())
                .text("token", xsrfTokenAccessor.getXsrfToken(request, response, true))
                .text("action", base + screen.path())
                .text("base", base)
                .flag("adminScreen", screen.admin())
                .text("screenId", screen.name().toLowerCase(java.util.Locale.ROOT))
                .models("nav", navigation(base, screen));
        pageBuilderService.assembler().resources().requireWebResource(WEB_RESOURCE);
        StringWriter page = new StringWriter();
        templateRenderer.render(template, model.asMap(), page);
        response.setContentType("text/html;charset=UTF-8");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(page.toString());
    }

    private List<Model> navigation(String base, Screen current) {
        List<Model> items = new ArrayList<>();
        if (!current.admin()) {
            return items;
        }
        for (Screen screen : Screen.values()) {
            if (screen.admin() && screen.inNavigation()) {
                items.add(Model.create().text("href", base + screen.path()).text("label", text(screen.titleKey()))
                        .flag("active", screen == current.navigationScreen()));
            }
        }
        return items;
    }

    /**
     * Writes an audit log entry.
     *
     * @param actor   who did it
     * @param action  a stable code such as {@code settings.saved}
     * @param subject what it was done to; empty if nothing in particular
     * @param detail  more words; never a secret
     */
    public void audit(UserProfile actor, String action, String subject, String detail) {
        auditLog.append(new AuditEvent(clock.instant(), actor.getUserKey().getStringValue(), action, subject,
                detail));
        LOG.info("Mailseal audit: {} by {} on '{}'", action, actor.getUsername(), subject);
    }

    /**
     * The newest audit entries.
     *
     * @param limit how many at most
     * @return the entries, newest first
     */
    public List<AuditEvent> auditTrail(int limit) {
        return auditLog.newest(limit);
    }

    /**
     * The user name behind a user key, for the audit page.
     *
     * @param userKey the user key as the audit log holds it
     * @return the user name, or the key if the user is gone (or {@code system})
     */
    public String userName(String userKey) {
        UserProfile profile = userManager.getUserProfile(new UserKey(userKey));
        return profile == null ? userKey : profile.getUsername();
    }

    /**
     * One text, formatted.
     *
     * @param key       the key without the {@code mailseal.} prefix
     * @param arguments its arguments
     * @return the raw (unescaped) text
     */
    public String text(String key, Serializable... arguments) {
        return i18n.getText(TEXT_PREFIX + key, arguments);
    }

    /**
     * Every Mailseal text, escaped, for templates: {@code mailseal.settings.title} is {@code $t.settings_title}.
     *
     * @return the texts
     */
    private Model texts() {
        Model texts = Model.create();
        for (Map.Entry<String, String> entry : i18n.getAllTranslationsForPrefix(TEXT_PREFIX).entrySet()) {
            String key = entry.getKey().substring(TEXT_PREFIX.length()).replace('.', '_');
            texts.text(key, i18n.getText(entry.getKey()));
        }
        return texts;
    }

    private void redirectToLogin(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder url = new StringBuilder(String.valueOf(request.getRequestURL()));
        if (request.getQueryString() != null) {
            url.append('?').append(request.getQueryString());
        }
        URI back;
        try {
            back = URI.create(url.toString());
        } catch (IllegalArgumentException e) {
            back = URI.create(contextPath(request) + "/");
        }
        response.sendRedirect(loginUriProvider.getLoginUri(back).toASCIIString());
    }

    private static String contextPath(HttpServletRequest request) {
        return request.getContextPath() == null ? "" : request.getContextPath();
    }
}
