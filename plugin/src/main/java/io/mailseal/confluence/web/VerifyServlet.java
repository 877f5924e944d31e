package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.confluence.mail.SettingsOutboundSource;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.Verification;
import io.mailseal.keys.source.ConfiguredKeyDirectory;
import io.mailseal.settings.Checked;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Admin screen "Verify" ({@code /plugins/servlet/mailseal/admin/verify?address=...}): asks every configured key
 * source afresh for one address (by default the admin's own) and shows, as tables, the key that would be used per
 * type, every usable key found, every rejected key with its reason, and what each source answered and how long it
 * took. Asking changes nothing (the cache is neither read nor written), so it is a GET.
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class VerifyServlet extends AdminServlet {

    private static final long serialVersionUID = 1L;

    private final transient SettingsOutboundSource outbound;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages    the pages' common parts
     * @param outbound the current settings' key directory
     */
    public VerifyServlet(WebPages pages, SettingsOutboundSource outbound) {
        super(pages, Screen.VERIFY);
        this.outbound = Objects.requireNonNull(outbound, "outbound");
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        String asked = request.getParameter("address");
        String text = asked == null ? Objects.toString(admin.getEmail(), "") : asked.strip();
        Model model = Model.create().text("address", text).flag("verified", false);
        List<String> errors = new ArrayList<>();
        Optional<EmailAddress> address = EmailAddress.find(text);
        if (address.isEmpty()) {
            if (asked != null) {
                errors.add(pages.text("verify.badAddress", text));
            }
        } else {
            Checked<ConfiguredKeyDirectory> directory = outbound.keyDirectory();
            if (directory instanceof Checked.Invalid<ConfiguredKeyDirectory> invalid) {
                errors.add(pages.text("verify.unusable"));
                invalid.problems().forEach(problem -> errors.add(problem.toString()));
            } else {
                Verification verification = directory.orElseThrow().verify(address.get());
                model.flag("verified", true)
                        .text("verifiedAddress", verification.address().value())
                        .flag("found", verification.found())
                        .models("selected", KeyRows.selected(pages, verification.selected()))
                        .models("candidates", KeyRows.selected(pages, verification.candidates()))
                        .models("rejected", KeyRows.rejected(pages, verification))
                        .models("sources", KeyRows.sources(pages, verification.responses()));
            }
        }
        if (!model.asMap().containsKey("selected")) {
            model.models("selected", List.of()).models("candidates", List.of()).models("rejected", List.of())
                    .models("sources", List.of()).flag("found", false).text("verifiedAddress", "");
        }
        pages.render(request, response, Screen.VERIFY, model.texts("errors", errors).texts("messages", List.of()));
    }

    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    }
}
