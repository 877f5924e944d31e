package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.confluence.directory.ConfluenceUsers;
import io.mailseal.confluence.overview.KeyCoverage;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.SourceName;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "Overview" ({@code /plugins/servlet/mailseal/admin/overview}): how many active users have a usable
 * S/MIME or PGP key, by the source of the key that would be used (as bars), and which of those keys expire within
 * {@value KeyCoverage#EXPIRY_DAYS} days. The numbers come from the newest computation, shown with the time it
 * finished; "Compute now" (a POST with a valid token) starts a new one in the background and the page shows its
 * progress. Showing the page never computes anything.
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class OverviewServlet extends AdminServlet {

    private static final long serialVersionUID = 1L;

    private final transient KeyCoverage coverage;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages    the pages' common parts
     * @param coverage computes the overview
     */
    public OverviewServlet(WebPages pages, KeyCoverage coverage) {
        super(pages, Screen.OVERVIEW);
        this.coverage = Objects.requireNonNull(coverage, "coverage");
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        List<String> messages = "true".equals(request.getParameter("started"))
                ? List.of(pages.text("overview.started")) : List.of();
        KeyCoverage.Progress progress = coverage.progress();
        Optional<KeyCoverage.Report> report = coverage.report();
        Model model = Model.create()
                .flag("running", progress.running())
                .text("progress", pages.text("overview.progress", progress.done(), progress.total()))
                .flag("computed", report.isPresent())
                .text("cap", pages.text("overview.cap", ConfluenceUsers.MAX_USERS))
                .texts("messages", messages);
        List<String> errors = new ArrayList<>();
        if (report.isPresent()) {
            KeyCoverage.Report r = report.get();
            if (!r.problem().isEmpty()) {
                errors.add(pages.text("overview.problem", r.problem()));
            }
            model.text("at", r.at().toString())
                    .text("summary", pages.text("overview.summary", r.users(), r.withAnyKey(), r.withoutAddress()))
                    .text("truncated", r.truncated() ? pages.text("overview.truncated", r.users(), r.total()) : "")
                    .models("types", types(r))
                    .models("expiring", expiring(r));
        } else {
            model.text("at", "").text("summary", "").text("truncated", "").models("types", List.of())
                    .models("expiring", List.of());
        }
        pages.render(request, response, Screen.OVERVIEW, model.texts("errors", errors));
    }

    /** "Compute now". */
    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        if (coverage.start()) {
            pages.audit(admin, "overview.computed", "overview", "the key overview is computed in the background");
        }
        response.sendRedirect(request.getContextPath() + Screen.OVERVIEW.path() + "?started=true");
    }

    private List<Model> types(KeyCoverage.Report report) {
        List<Model> types = new ArrayList<>();
        for (KeyType type : KeyType.values()) {
            int users = report.byType().getOrDefault(type, 0);
            List<Model> bars = new ArrayList<>();
            for (Map.Entry<SourceName, Integer> entry : report.bySource().getOrDefault(type, Map.of()).entrySet()
                    .stream().sorted(Map.Entry.<SourceName, Integer>comparingByValue().reversed()).toList()) {
                bars.add(bar(pages.text("source." + entry.getKey().name()), entry.getValue(), report.users()));
            }
            bars.add(bar(pages.text("overview.noKey"), report.users() - report.withoutAddress() - users,
                    report.users()));
            types.add(Model.create().text("type", pages.text("option." + type.name()))
                    .text("count", pages.text("overview.typeCount", users, report.users()))
                    .text("failures", report.failures().getOrDefault(type, 0) == 0 ? ""
                            : pages.text("overview.failures", report.failures().get(type)))
                    .models("bars", bars));
        }
        return types;
    }

    private static Model bar(String label, int count, int of) {
        return Model.create().text("label", label).number("count", count)
                .number("percent", of == 0 ? 0 : Math.round(100.0 * count / of));
    }

    private List<Model> expiring(KeyCoverage.Report report) {
        List<Model> rows = new ArrayList<>();
        for (KeyCoverage.Expiring key : report.expiring()) {
            rows.add(Model.create().text("user", key.user()).text("address", key.address())
                    .text("type", pages.text("option." + key.type().name()))
                    .text("source", pages.text("source." + key.source().name()))
                    .text("id", key.id()).text("notAfter", key.notAfter().toString()));
        }
        return rows;
    }
}
