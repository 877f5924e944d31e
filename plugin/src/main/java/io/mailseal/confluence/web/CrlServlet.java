package io.mailseal.confluence.web;

import io.mailseal.ca.CaException;
import io.mailseal.ca.Crl;
import io.mailseal.confluence.ca.ManagedCa;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in CA's CRL at {@code /plugins/servlet/mailseal/crl} ({@link ManagedCa#CRL_PATH}), the distribution point
 * in every certificate it issues. The plain URL serves the CRL of the first CA ever set; {@code ?ca=<id>} the CRL of
 * a CA that replaced another (current or retired), so each CA's certificates find their own issuer's CRL. Public
 * like any CRL: anonymous GET, no session, no token; DER as {@code application/pkix-crl}, cacheable until a little
 * before the CRL's next update. 404 while no issuing CA is set or for an unknown id; 503 if a stored CA cannot be
 * opened.
 *
 * <p>Thread-safe: no state of its own besides the injected service.
 */
public final class CrlServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CrlServlet.class);
    private static final Duration MAX_AGE = Duration.ofHours(1);

    private final transient ManagedCa ca;
    private final transient Clock clock;

    /**
     * Creates the servlet.
     *
     * @param ca    the built-in CA
     * @param clock the time (for the cache lifetime)
     */
    public CrlServlet(ManagedCa ca, Clock clock) {
        this.ca = Objects.requireNonNull(ca, "ca");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = request.getParameter("ca");
        if (id == null) {
            id = "";
        }
        if (!id.matches("[0-9a-zA-Z]{0,64}")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such certificate authority");
            return;
        }
        Optional<Crl> found;
        try {
            found = ca.crl(id);
        } catch (CaException | IllegalStateException e) {
            LOG.warn("Mailseal's CRL cannot be served: {}", e.getMessage());
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the certificate authority is unavailable");
            return;
        }
        if (found.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND, "no certificate authority is set up with this CRL");
            return;
        }
        Crl crl = found.get();
        byte[] der = crl.der();
        long untilNext = Duration.between(clock.instant(), crl.nextUpdate()).getSeconds();
        long maxAge = Math.max(0, Math.min(MAX_AGE.getSeconds(), untilNext));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/pkix-crl");
        response.setHeader("Cache-Control", "public, max-age=" + maxAge);
        response.setHeader("Content-Disposition", "inline; filename=\"mailseal.crl\"");
        response.setContentLength(der.length);
        response.getOutputStream().write(der);
    }
}
