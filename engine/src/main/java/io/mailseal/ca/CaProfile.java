package io.mailseal.ca;

import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.Objects;

/**
 * How the built-in CA issues: the CRL's URL (written into every certificate), the validity of certificates and CRLs,
 * the default key type and the safety limit on live certificates.
 *
 * <p>Immutable value, thread-safe. Defaults ({@link #defaults(URI)}): certificates valid 1 year, RSA 3072, CRLs valid
 * 7 days (re-signed after half of that or after any revocation), at most 1000 live certificates (the spec's
 * example).
 *
 * @param crlUrl         the http(s) URL where the plugin publishes the DER CRL; not null
 * @param validity       how long an issued certificate is valid; positive, at most 825 days (the S/MIME baseline's
 *                       maximum; months are counted as 31 days for this check)
 * @param defaultKey     the key type when a request names none; not null
 * @param crlValidity    the distance from a CRL's thisUpdate to its nextUpdate; at least one hour
 * @param maxLive        the most live certificates allowed; positive
 */
public record CaProfile(URI crlUrl, Period validity, KeySpec defaultKey, Duration crlValidity, int maxLive) {

    /** Validates the values. */
    public CaProfile {
        Objects.requireNonNull(crlUrl, "crlUrl");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(defaultKey, "defaultKey");
        Objects.requireNonNull(crlValidity, "crlValidity");
        String scheme = crlUrl.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || crlUrl.getHost() == null) {
            throw new IllegalArgumentException("the CRL URL must be an absolute http(s) URL: " + crlUrl);
        }
        if (validity.isNegative() || validity.isZero() || validity.toTotalMonths() * 31 + validity.getDays() > 825) {
            throw new IllegalArgumentException("certificate validity must be positive and at most 825 days: "
                    + validity);
        }
        if (crlValidity.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("CRL validity must be at least one hour: " + crlValidity);
        }
        if (maxLive < 1) {
            throw new IllegalArgumentException("maxLive must be positive: " + maxLive);
        }
    }

    /**
     * The defaults with a CRL URL.
     *
     * @param crlUrl where the plugin publishes the CRL
     * @return 1 year, RSA 3072, CRL valid 7 days, at most 1000 live certificates
     */
    public static CaProfile defaults(URI crlUrl) {
        return new CaProfile(crlUrl, Period.ofYears(1), KeySpec.RSA_3072, Duration.ofDays(7), 1000);
    }

    /**
     * The same profile with another certificate validity.
     *
     * @param newValidity the validity
     * @return the changed profile
     */
    public CaProfile withValidity(Period newValidity) {
        return new CaProfile(crlUrl, newValidity, defaultKey, crlValidity, maxLive);
    }

    /**
     * The same profile with another default key type.
     *
     * @param key the key type
     * @return the changed profile
     */
    public CaProfile withDefaultKey(KeySpec key) {
        return new CaProfile(crlUrl, validity, key, crlValidity, maxLive);
    }

    /**
     * The same profile with another live-certificate limit.
     *
     * @param limit the limit
     * @return the changed profile
     */
    public CaProfile withMaxLive(int limit) {
        return new CaProfile(crlUrl, validity, defaultKey, crlValidity, limit);
    }
}
