package io.mailseal.confluence.web;

import com.atlassian.annotations.security.SystemAdminOnly;
import com.atlassian.sal.api.user.UserProfile;
import io.mailseal.confluence.mail.SettingsOutboundSource;
import io.mailseal.confluence.mail.TestMailOutcomes;
import io.mailseal.confluence.mail.TestMailSender;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.Verification;
import io.mailseal.keys.source.ConfiguredKeyDirectory;
import io.mailseal.outbound.OutboundProcessor;
import io.mailseal.outbound.RuleCheck;
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
 * took. Asking changes nothing (the cache is neither read nor written), so it is a GET. "Send a test mail" (a POST
 * with a valid token) sends a short mail to the address through Confluence's default SMTP server, so it takes the
 * real mail path, and shows what Mailseal did with it: encrypted (type and keys), sent plain or signed, replaced by a
 * problem report, withheld (with the policy's reason), or the failure. With a sender ({@code from=...}) it also
 * shows which rule of the live USE rule set applies to that sender and the address (the first match in file order),
 * why, what it means, and the decision under it.
 *
 * <p>Thread-safe.
 */
@SystemAdminOnly
public final class VerifyServlet extends AdminServlet {

    private static final long serialVersionUID = 1L;

    private final transient SettingsOutboundSource outbound;
    private final transient TestMailSender testMail;

    /**
     * Creates the servlet (constructed by the plugin framework, autowired from the plugin's beans).
     *
     * @param pages    the pages' common parts
     * @param outbound the current settings' key directory
     * @param testMail sends the test mail
     */
    public VerifyServlet(WebPages pages, SettingsOutboundSource outbound, TestMailSender testMail) {
        super(pages, Screen.VERIFY);
        this.outbound = Objects.requireNonNull(outbound, "outbound");
        this.testMail = Objects.requireNonNull(testMail, "testMail");
    }

    @Override
    protected void show(HttpServletRequest request, HttpServletResponse response, UserProfile admin)
            throws IOException {
        String asked = request.getParameter("address");
        String text = asked == null ? Objects.toString(admin.getEmail(), "") : asked.strip();
        render(request, response, text, asked != null, List.of(), List.of(), List.of());
    }

    /**
     * "Which rule applies": the first rule of the live rule set for the form's sender and the address, why, what
     * it means, and the decision under it (the rule's password masked).
     */
    private void ruleCheck(Model model, String fromText, Optional<EmailAddress> to, List<String> errors) {
        model.text("from", fromText).flag("ruleChecked", false);
        Optional<EmailAddress> from = EmailAddress.find(fromText);
        if (fromText.isEmpty() || to.isEmpty()) {
            return;
        }
        if (from.isEmpty()) {
            errors.add(pages.text("verify.badFrom", fromText));
            return;
        }
        Checked<OutboundProcessor> processor = outbound.current();
        if (processor instanceof Checked.Valid<OutboundProcessor> valid) {
            RuleCheck check = valid.orElseThrow().check(from.get(), to.get());
            model.flag("ruleChecked", true).flag("ruleMatched", check.match().isPresent())
                    .text("ruleText", check.ruleText().orElse(""))
                    .text("ruleWhy", check.why())
                    .texts("ruleMeaning", check.meaning())
                    .text("ruleDecision", pages.text("verify.decision." + check.decision().getClass().getSimpleName()))
                    .text("ruleDecisionReason", check.decision().reason());
        }
    }

    private void render(HttpServletRequest request, HttpServletResponse response, String text, boolean asked,
                        List<String> messages, List<String> mailErrors, List<Model> mailDeliveries)
            throws IOException {
        Model model = Model.create().text("address", text).flag("verified", false)
                .models("mailDeliveries", mailDeliveries).flag("mailSent", !mailDeliveries.isEmpty())
                .texts("mailErrors", mailErrors);
        List<String> errors = new ArrayList<>();
        Optional<EmailAddress> address = EmailAddress.find(text);
        if (address.isEmpty()) {
            if (asked) {
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
        String fromText = request.getParameter("from") == null ? "" : request.getParameter("from").strip();
        ruleCheck(model, fromText, address, errors);
        if (!model.asMap().containsKey("selected")) {
            model.models("selected", List.of()).models("candidates", List.of()).models("rejected", List.of())
                    .models("sources", List.of()).flag("found", false).text("verifiedAddress", "");
        }
        pages.render(request, response, Screen.VERIFY, model.texts("errors", errors).texts("messages", messages));
    }

    /** "Send a test mail" to the address of the form. */
    @Override
    protected void change(HttpServletRequest request, HttpServletResponse response, UserProfile admin, Form form)
            throws IOException {
        String text = form.get("address").strip();
        Optional<EmailAddress> address = EmailAddress.find(text);
        if (!"testMail".equals(form.get("operation")) || address.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            render(request, response, text, true, List.of(), List.of(), List.of());
            return;
        }
        TestMailSender.Result result = testMail.send(address.get(), pages.text("testMail.subject"),
                pages.text("testMail.body"));
        List<String> messages = new ArrayList<>();
        List<String> mailErrors = new ArrayList<>();
        List<Model> deliveries = new ArrayList<>();
        if (result instanceof TestMailSender.Result.Sent sent) {
            messages.add(pages.text("testMail.sent", address.get().value(), sent.server()));
            if (sent.deliveries().isEmpty()) {
                mailErrors.add(pages.text("testMail.notThroughMailseal"));
            }
            for (TestMailOutcomes.Outcome outcome : sent.deliveries()) {
                deliveries.add(Model.create()
                        .text("action", pages.text("status.counter." + outcome.action().name()))
                        .text("keys", String.join(", ", outcome.keyIds()))
                        .text("reason", outcome.reason())
                        .text("problem", outcome.problem()));
            }
            pages.audit(admin, "testmail.sent", address.get().value(), "through " + sent.server() + ": "
                    + sent.deliveries().stream().map(o -> String.valueOf(o.action())).toList());
        } else {
            mailErrors.add(pages.text("testMail.notSent", ((TestMailSender.Result.NotSent) result).reason()));
            pages.audit(admin, "testmail.failed", address.get().value(),
                    ((TestMailSender.Result.NotSent) result).reason());
        }
        render(request, response, text, true, messages, mailErrors, deliveries);
    }
}
