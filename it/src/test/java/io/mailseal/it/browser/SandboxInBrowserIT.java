package io.mailseal.it.browser;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.mailseal.testkit.identities.TestIdentities;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's screens and mail path in a real browser (headless Chromium through Playwright), as a newcomer uses
 * them by hand: issue 6's six scenarios, each ending with a screenshot in {@code target/screenshots/}.
 *
 * <p>One sandbox (child JVM, free loopback port, temporary data directory) serves the class; the scenarios run in
 * the order because they build on each other the way a demo does: the settings of the first hold for the
 * rest, and the verify screen shows alice's directory certificate before she uploads her own key.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SandboxInBrowserIT {

    private static final String SETTINGS = "/plugins/servlet/mailseal/admin/settings";
    private static final String VERIFY = "/plugins/servlet/mailseal/admin/verify";
    private static final String STATUS = "/plugins/servlet/mailseal/admin/status";
    private static final List<String> ADMIN_PAGES = List.of("/admin", "/mailbox", SETTINGS,
            "/plugins/servlet/mailseal/admin/sources", VERIFY, STATUS, "/plugins/servlet/mailseal/admin/audit",
            "/plugins/servlet/mailseal/admin/transfer", "/plugins/servlet/mailseal/admin/ca",
            "/plugins/servlet/mailseal/admin/ca/archive", "/plugins/servlet/mailseal/admin/use/smime-users");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path TARGET = Path.of(System.getProperty("basedir", "."), "target");
    private static final Path SCREENSHOTS = TARGET.resolve("screenshots");

    @TempDir
    static Path work;

    private static SandboxProcess sandbox;
    private static Playwright playwright;
    private static Browser chromium;

    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void startSandboxAndBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException(CHROMIUM + " is missing: the browser tests drive Debian's Chromium"
                    + " (apt-get install chromium; bash .ci/run installs it)");
        }
        sandbox = SandboxProcess.start(work.resolve("data"), TARGET.resolve("browser-sandbox.log"));
        playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        chromium = playwright.chromium().launch(new BrowserType.LaunchOptions().setHeadless(true)
                .setExecutablePath(CHROMIUM)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        // nothing but the sandbox on loopback: every other host name resolves to nothing
                        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowserAndSandbox() {
        if (chromium != null) {
            chromium.close();
        }
        if (playwright != null) {
            playwright.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        context = newContext();
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        chromium.contexts().forEach(BrowserContext::close);
    }

    /** A failed scenario leaves a screenshot, the URL and the HTML of each page it had open. */
    @RegisterExtension
    final AfterTestExecutionCallback evidence = test -> {
        if (test.getExecutionException().isPresent()) {
            int n = 0;
            for (BrowserContext open : chromium.contexts()) {
                for (Page shown : open.pages()) {
                    String name = "failed-" + test.getRequiredTestMethod().getName() + "-" + n++;
                    shown.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png"))
                            .setFullPage(true));
                    Files.writeString(SCREENSHOTS.resolve(name + ".html"),
                            "<!-- " + shown.url() + " -->\n" + shown.content());
                }
            }
        }
    };

    @Test
    @Order(1)
    void adminSetsPgpPreferredWithProblemReportsBehindWebSudoAndTheSettingsSurviveARestart() throws Exception {
        page.navigate(sandbox.baseUrl() + SETTINGS);
        logIn(page, "admin");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Administrator Access")))
                .isVisible();
        page.fill("#password", "wrong");
        page.click("#authenticateButton");
        assertThat(page.locator("#websudo-form")).isVisible();
        assertThat(page.locator(".aui-message-error")).isVisible();
        page.fill("#password", "admin");
        page.click("#authenticateButton");

        assertThat(page).hasURL(sandbox.baseUrl() + SETTINGS);
        // encoded once, by the host's anti-XSS rule: the browser shows the quotes, not &quot;
        assertThat(page.locator("#mailseal-encryption-typePriority ~ .description"))
                .containsText("\"Preferred\" falls back to the other kind.");
        page.selectOption("#mailseal-encryption-typePriority", "PGP_PREFERRED");
        page.selectOption("#mailseal-encryption-fallback", "PROBLEM_REPORT");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save")).click();
        assertThat(page.locator(".mailseal-message")).hasText("Settings saved.");
        screenshot(page, "settings");

        sandbox.restart();
        assertThat(sandbox.console()).as("stopped cleanly before the restart").contains("Stopped.");
        Page again = newContext().newPage();
        again.navigate(sandbox.baseUrl() + SETTINGS);
        logIn(again, "admin");
        passWebSudo(again, "admin");

        assertThat(again.locator("#mailseal-encryption-typePriority")).hasValue("PGP_PREFERRED");
        assertThat(again.locator("#mailseal-encryption-fallback")).hasValue("PROBLEM_REPORT");
    }

    @Test
    @Order(2)
    void verifyShowsTheKeyAndTheSourceEachDemoUserWouldGet() {
        adminOn(page, VERIFY);

        verify(page, "alice@example.com");
        assertThat(page.locator("table.mailseal-selected tbody tr")).hasCount(1);
        assertThat(page.locator("table.mailseal-selected tbody td"))
                .containsText(new String[] {"S/MIME", "User directory LDAP", "CN=Alice Test"});
        verify(page, "carol@example.com");
        assertThat(page.locator("table.mailseal-selected tbody td"))
                .containsText(new String[] {"S/MIME", "Key store file", "CN=Carol Test"});
        verify(page, "bob@example.com");
        assertThat(page.locator("table.mailseal-selected tbody td"))
                .containsText(new String[] {"PGP", "Key server", "Bob Test <bob@example.com>"});
        screenshot(page, "verify");
    }

    @Test
    @Order(3)
    void aliceUploadsHerOwnPgpKeyOnHerProfileButNeitherSomeoneElsesNorASecretKey() {
        page.navigate(sandbox.baseUrl() + "/profile");
        logIn(page, "alice");
        // the plugin's profile web-item, whatever its label
        page.locator("#profile-sidebar a[href='/plugins/servlet/mailseal/keys']").click();
        assertThat(page.locator("#mailseal-keys")).hasCount(1);

        check(page, "bob.asc");
        assertThat(page.locator(".mailseal-error"))
                .containsText("Nothing was saved: the key is not for your address alice@example.com");
        check(page, "alice-secret.asc");
        assertThat(page.locator(".mailseal-error")).containsText("this is a private key");
        assertThat(page.locator(".mailseal-error")).containsText("Never upload a private key");
        check(page, "alice.asc");
        String fingerprint = TestIdentities.pgpFingerprint("alice");
        assertThat(page.locator("table.mailseal-preview")).containsText(fingerprint);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save this key")).click();

        assertThat(page.locator(".mailseal-message")).containsText("Your key was saved.");
        assertThat(page.locator("table.mailseal-uploads")).containsText(fingerprint);
        screenshot(page, "profile-keys");

        Page admin = newContext().newPage();
        adminOn(admin, VERIFY);
        verify(admin, "alice@example.com");
        assertThat(admin.locator("table.mailseal-candidates")).containsText("User upload");
        // PGP preferred (scenario 1): her upload is the key her mail is encrypted with now
        assertThat(admin.locator("table.mailseal-selected tbody td"))
                .containsText(new String[] {"PGP", "User upload", "Alice Test <alice@example.com>"});
    }

    @Test
    @Order(4)
    void aPageEditReachesBobAsPgpMimeCarolAsSmimeAndDaveAsAProblemReport(@TempDir Path mails) throws Exception {
        String news = "Falcon launches on the ninth of June in hangar Kestrel";
        page.navigate(sandbox.baseUrl() + "/pages");
        logIn(page, "alice");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Project Falcon")).click();
        page.click("#edit-page");
        page.fill("#body", "Project Falcon news.\n\n" + news + ".");
        page.click("#save-page");
        assertThat(page.locator("#notification-results")).containsText("bob <bob@example.com>: sent");
        assertThat(page.locator("#main-content")).containsText(news);

        Page admin = newContext().newPage();
        admin.navigate(sandbox.baseUrl() + "/mailbox");
        logIn(admin, "admin");
        Locator bob = newestMailTo(admin, "bob@example.com");
        Locator carol = newestMailTo(admin, "carol@example.com");
        Locator dave = newestMailTo(admin, "dave@example.com");
        assertThat(bob).hasAttribute("data-kind", "PGP_ENCRYPTED");
        assertThat(bob.locator(".kind")).hasText("PGP encrypted");
        assertThat(carol).hasAttribute("data-kind", "SMIME_ENCRYPTED");
        assertThat(carol.locator(".kind")).hasText("S/MIME encrypted");
        assertThat(dave).hasAttribute("data-kind", "PROBLEM_REPORT");
        assertThat(dave.locator(".kind")).hasText("problem report");
        screenshot(admin, "mailbox");

        Path bobsMail = download(admin, bob, mails);
        Path carolsMail = download(admin, carol, mails);
        assertThat(Files.readString(bobsMail, StandardCharsets.ISO_8859_1)).doesNotContain("Kestrel");
        assertThat(Files.readString(carolsMail, StandardCharsets.ISO_8859_1)).doesNotContain("Kestrel");
        Path gpg = Files.createDirectories(mails.resolve("gpg"));
        assertThat(Oracles.readableText(Oracles.gpgDecrypt(bobsMail, "bob", gpg))).contains(news);
        assertThat(Oracles.readableText(Oracles.opensslDecrypt(carolsMail, "carol", mails))).contains(news);
    }

    @Test
    @Order(5)
    void bobCannotOpenAdminPagesNorTheMailboxAndAPostWithoutTheXsrfTokenChangesNothing() {
        page.navigate(sandbox.baseUrl() + "/");
        logIn(page, "bob");
        for (String path : ADMIN_PAGES) {
            Response response = page.navigate(sandbox.baseUrl() + path);
            assertThat(response.status()).as(path).isEqualTo(403);
            assertThat(page.locator("form.mailseal-form, #mailbox, #admin-sidebar")).hasCount(0);
        }
        screenshot(page, "bob-refused");
        page.navigate(sandbox.baseUrl() + "/pages/1/edit");
        String bobsToken = page.locator("#edit-form input[name=atl_token]").inputValue();
        assertThat(bobsToken).as("bob's own, valid XSRF token").matches("[0-9a-f]{40}");
        APIResponse bobsPost = page.request().post(sandbox.baseUrl() + SETTINGS,
                settingsPost(bobsToken));

        Page admin = newContext().newPage();
        adminOn(admin, SETTINGS);
        String priority = admin.locator("#mailseal-encryption-typePriority").inputValue();
        String fallback = admin.locator("#mailseal-encryption-fallback").inputValue();
        APIResponse noToken = admin.request().post(sandbox.baseUrl() + SETTINGS, settingsPost(null));
        APIResponse wrongToken = admin.request().post(sandbox.baseUrl() + SETTINGS,
                settingsPost("0".repeat(40)));
        admin.reload();

        assertThat(bobsPost.status()).isEqualTo(403);
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(wrongToken.status()).isEqualTo(403);
        assertThat(admin.locator("#mailseal-encryption-typePriority")).hasValue(priority);
        assertThat(admin.locator("#mailseal-encryption-fallback")).hasValue(fallback);
        assertThat(priority).isNotEqualTo("SMIME_ONLY");
        assertThat(fallback).isNotEqualTo("SEND_UNENCRYPTED");
    }

    @Test
    @Order(6)
    void statusShowsTheMailHookAndExpiringTheCacheSaysItWasDone() {
        adminOn(page, STATUS);

        assertThat(page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName("Installed")).locator("td"))
                .hasText("yes");
        assertThat(page.getByRole(AriaRole.ROW, new Page.GetByRoleOptions().setName("goes through Mailseal"))
                .locator("td")).hasText("yes");
        assertThat(page.locator("table.mailseal-servers tbody td"))
                .containsText(new String[] {"Sandbox SMTP sink", "yes", "no"});
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Expire cache")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Expire cache")).click();

        assertThat(page.locator(".mailseal-message")).hasText("The key cache was expired.");
        screenshot(page, "status");
    }

    // ---- steps ----

    private static BrowserContext newContext() {
        return chromium.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900)
                .setAcceptDownloads(true));
    }

    /** On the login page the browser was sent to: logs in with the demo password (the user's name). */
    private static void logIn(Page on, String user) {
        assertThat(on.locator("#login-form")).isVisible();
        on.fill("#os_username", user);
        on.fill("#os_password", user);
        on.click("#loginButton");
        assertThat(on.locator("#user-menu-link")).isVisible();
    }

    private static void passWebSudo(Page on, String password) {
        assertThat(on.locator("#websudo-form")).isVisible();
        on.fill("#password", password);
        on.click("#authenticateButton");
        assertThat(on.locator("#websudo-form")).hasCount(0);
    }

    /** Opens an administration page as admin: log in, confirm the password (WebSudo). */
    private static void adminOn(Page on, String path) {
        on.navigate(sandbox.baseUrl() + path);
        logIn(on, "admin");
        passWebSudo(on, "admin");
        assertThat(on).hasURL(sandbox.baseUrl() + path);
    }

    private static void verify(Page on, String address) {
        on.fill("#mailseal-verify-address", address);
        on.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Verify")).click();
        // the form also has an optional sender (for the rule check); left empty here
        assertThat(on).hasURL(sandbox.baseUrl() + VERIFY + "?address="
                + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&from=");
        assertThat(on.locator("table.mailseal-sources")).isVisible();
    }

    /** Chooses a test identity's file on the keys page and asks for the check. */
    private static void check(Page on, String file) {
        on.locator("#mailseal-key-file").setInputFiles(new FilePayload(file, "application/pgp-keys",
                TestIdentities.bytes(file)));
        on.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check")).click();
    }

    private static Locator newestMailTo(Page mailbox, String address) {
        return mailbox.locator("#mailbox tr.mail").filter(new Locator.FilterOptions()
                .setHas(mailbox.locator("td.recipients", new Page.LocatorOptions().setHasText(address)))).first();
    }

    private static Path download(Page mailbox, Locator row, Path dir) {
        Download download = mailbox.waitForDownload(() -> row.getByRole(AriaRole.LINK,
                new Locator.GetByRoleOptions().setName(".eml")).click());
        Path file = dir.resolve(download.suggestedFilename());
        download.saveAs(file);
        return file;
    }

    /** A settings post that would weaken the policy, if it were accepted; redirects are not followed. */
    private static RequestOptions settingsPost(String token) {
        FormData form = FormData.create().set("encryption.typePriority", "SMIME_ONLY")
                .set("encryption.fallback", "SEND_UNENCRYPTED");
        if (token != null) {
            form.set("atl_token", token);
        }
        return RequestOptions.create().setForm(form).setMaxRedirects(0);
    }

    private static void screenshot(Page on, String name) {
        on.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")));
    }
}
