package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.store.AuditEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "Audit log" ({@code /plugins/servlet/mailseal/admin/audit}): the newest {@value #SHOWN} entries, newest
 * first: when, who (user name), what, on what, and the detail. Read only.
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class AuditServlet extends AdminServlet {

    /** How many entries are shown. */
    public static final int SHOWN = 200;
    private static final long serialVersionUID = 1L;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages the pages' common parts
     */
    public AuditServlet(WebPages pages) {
        super(pages, Screen.AUDIT);
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        List<Model> rows = new ArrayList<>();
        for (AuditEvent event : pages.auditTrail(SHOWN)) {
            rows.add(Model.create().text("at", event.at().toString()).text("actor", pages.userName(event.actor()))
                    .text("action", event.action()).text("subject", event.subject()).text("detail", event.detail()));
        }
        pages.render(request, response, Screen.AUDIT, Model.create().models("events", rows)
                .flag("empty", rows.isEmpty()).number("shown", SHOWN)
                .texts("messages", List.of()).texts("errors", List.of()));
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
}
