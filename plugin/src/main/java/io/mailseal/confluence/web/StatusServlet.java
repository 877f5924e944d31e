package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.confluence.mail.MailHook;
import io.mailseal.confluence.mail.SettingsOutboundSource;
import io.mailseal.outbound.Delivery;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "Status" ({@code /plugins/servlet/mailseal/admin/status}): whether the mail hook is installed and in
 * use on this node, each SMTP server and whether its mail goes through Mailseal (a JNDI server cannot), what was done
 * since start, the problems of the stored settings, and "Expire cache", which asks for confirmation first
 * ({@code ?confirm=expire}) and then needs a POST with {@code confirmed=yes} and a valid token.
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class StatusServlet extends AdminServlet {

    private static final long serialVersionUID = 1L;

    private final transient MailHook hook;
    private final transient SettingsOutboundSource outbound;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages    the pages' common parts
     * @param hook     the mail hook
     * @param outbound the current settings' processor and key cache
     */
    public StatusServlet(WebPages pages, MailHook hook, SettingsOutboundSource outbound) {
        super(pages, Screen.STATUS);
        this.hook = Objects.requireNonNull(hook, "hook");
        this.outbound = Objects.requireNonNull(outbound, "outbound");
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        List<String> messages = "true".equals(request.getParameter("expired"))
                ? List.of(pages.text("status.expired")) : List.of();
        render(request, response, "expire".equals(request.getParameter("confirm")), messages);
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        if (!"expire".equals(form.get("operation")) || !"yes".equals(form.get("confirmed"))) {
            render(request, response, true, List.of());
            return;
        }
        outbound.expireCache();
        pages.audit(admin, "cache.expired", "key cache", "every cached key answer is fetched again on next use");
        response.sendRedirect(request.getContextPath() + Screen.STATUS.path() + "?expired=true");
    }

    private void render(HttpServletRequest request, HttpServletResponse response, boolean confirm,
                        List<String> messages) throws IOException {
        MailHook.Status status = hook.status();
        List<Model> servers = new ArrayList<>();
        for (MailHook.ServerStatus server : status.servers()) {
            servers.add(Model.create().text("name", server.name()).flag("jndi", server.jndi())
                    .flag("covered", server.covered()));
        }
        List<Model> counters = new ArrayList<>();
        for (Delivery.Action action : Delivery.Action.values()) {
            counters.add(Model.create().text("label", pages.text("status.counter." + action.name()))
                    .number("count", status.counters().deliveries().getOrDefault(action, 0L)));
        }
        counters.add(Model.create().text("label", pages.text("status.counter.retried"))
                .number("count", status.counters().retried()));
        counters.add(Model.create().text("label", pages.text("status.counter.failed"))
                .number("count", status.counters().failed()));
        counters.add(Model.create().text("label", pages.text("status.counter.refused"))
                .number("count", status.counters().refused()));
        List<String> problems = outbound.problems();
        Model model = Model.create()
                .flag("installed", status.installed())
                .flag("active", status.active())
                .models("servers", servers)
                .models("counters", counters)
                .texts("problems", problems)
                .flag("settingsUsable", problems.isEmpty())
                .flag("confirm", confirm)
                .text("confirmHref", request.getContextPath() + Screen.STATUS.path() + "?confirm=expire")
                .texts("messages", messages)
                .texts("errors", List.of());
        pages.render(request, response, Screen.STATUS, model);
    }
}
