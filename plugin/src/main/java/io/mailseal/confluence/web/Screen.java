package io.mailseal.confluence.web;

/**
 * Mailseal's screens: where each is served, its template, its decorator and its title. The admin screens form the
 * navigation shown on each of them, in this order, except sub-screens ({@link #parent()}), which are reached from
 * their parent and show it as the active one.
 *
 * <p>Immutable and thread-safe.
 */
public enum Screen {
    /** Encryption policy and signing. */
    SETTINGS("/mailseal/admin/settings", "admin-form.html.vm", true, "settings.title"),
    /** Where keys come from. */
    SOURCES("/mailseal/admin/sources", "admin-form.html.vm", true, "sources.title"),
    /** Relay mode: the loopback SMTP relay and its upstream server. */
    RELAY("/mailseal/admin/relay", "admin-form.html.vm", true, "relay.title"),
    /** The USE sync: share, schedule, validation, groups and rules, runs. */
    USE("/mailseal/admin/use", "admin-use.html.vm", true, "use.title"),
    /**
     * The "S/MIME users" list the WatchDog works from, kept by hand (the WatchDog stand-alone); below the USE screen,
     * not in the navigation of its own.
     */
    SMIME_USERS("/mailseal/admin/use/smime-users", "admin-smime-users.html.vm", true, "smimeUsers.title"),
    /** The built-in certificate authority: its CA, the CRL URL, live certificates and creations per month. */
    CA("/mailseal/admin/ca", "admin-ca.html.vm", true, "ca.title"),
    /** The CA's archive: every issued certificate, recovery as PKCS#12, revocation (a page below {@link #CA}). */
    CA_ARCHIVE("/mailseal/admin/ca/archive", "admin-ca-archive.html.vm", true, "caArchive.title"),
    /** Which key would be used for an address, source by source. */
    VERIFY("/mailseal/admin/verify", "admin-verify.html.vm", true, "verify.title"),
    /** How many users have a usable key, by source, and which keys expire soon. */
    OVERVIEW("/mailseal/admin/overview", "admin-overview.html.vm", true, "overview.title"),
    /** The mail hook, the settings' problems, the key cache. */
    STATUS("/mailseal/admin/status", "admin-status.html.vm", true, "status.title"),
    /** The newest audit log entries. */
    AUDIT("/mailseal/admin/audit", "admin-audit.html.vm", true, "audit.title"),
    /** Settings export and import. */
    TRANSFER("/mailseal/admin/transfer", "admin-transfer.html.vm", true, "transfer.title"),
    /** A user's own keys (profile page). */
    KEYS("/mailseal/keys", "keys.html.vm", false, "keys.title");

    /** Where plugin servlets are served, below the context path. */
    public static final String SERVLET_ROOT = "/plugins/servlet";

    private final String servletPath;
    private final String template;
    private final boolean admin;
    private final String titleKey;

    Screen(String servletPath, String template, boolean admin, String titleKey) {
        this.servletPath = servletPath;
        this.template = template;
        this.admin = admin;
        this.titleKey = titleKey;
    }

    /**
     * The servlet module's URL pattern.
     *
     * @return e.g. {@code /mailseal/admin/settings}
     */
    public String servletPath() {
        return servletPath;
    }

    /**
     * The path below the context path.
     *
     * @return e.g. {@code /plugins/servlet/mailseal/admin/settings}
     */
    public String path() {
        return SERVLET_ROOT + servletPath;
    }

    /**
     * The template, from the plugin's class path.
     *
     * @return e.g. {@code templates/mailseal/admin-form.html.vm}
     */
    public String template() {
        return "templates/mailseal/" + template;
    }

    /**
     * Whether this is an admin screen (decorator {@code atl.admin}, system administrators in WebSudo only).
     *
     * @return true for the admin screens
     */
    public boolean admin() {
        return admin;
    }

    /**
     * The screen a sub-page belongs to.
     *
     * @return {@link #CA} for {@link #CA_ARCHIVE}, {@link #USE} for {@link #SMIME_USERS}; empty for the screens of
     *         the navigation
     */
    public java.util.Optional<Screen> parent() {
        return switch (this) {
            case CA_ARCHIVE -> java.util.Optional.of(CA);
            case SMIME_USERS -> java.util.Optional.of(USE);
            default -> java.util.Optional.empty();
        };
    }

    /**
     * The Sitemesh decorator.
     *
     * @return {@code atl.admin} or {@code atl.userprofile}
     */
    public String decorator() {
        return admin ? "atl.admin" : "atl.userprofile";
    }

    /**
     * The screen the navigation shows as active while this one is shown: itself, or a sub-screen's parent.
     *
     * @return e.g. {@link #USE} for {@link #SMIME_USERS}
     */
    public Screen navigationScreen() {
        return parent().orElse(this);
    }

    /**
     * Whether the screen has its own entry in the navigation (sub-screens do not).
     *
     * @return true unless a sub-screen
     */
    public boolean inNavigation() {
        return parent().isEmpty();
    }

    /**
     * The i18n key of the title, without the {@code mailseal.} prefix.
     *
     * @return e.g. {@code settings.title}
     */
    public String titleKey() {
        return titleKey;
    }
}
