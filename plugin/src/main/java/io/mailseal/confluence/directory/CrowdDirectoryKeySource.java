package io.mailseal.confluence.directory;

import com.atlassian.crowd.embedded.api.CrowdDirectoryService;
import com.atlassian.crowd.embedded.api.Directory;
import io.mailseal.crypto.CryptoRuntime;
import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeySource;
import io.mailseal.keys.KeyType;
import io.mailseal.keys.RecipientKey;
import io.mailseal.keys.Rejection;
import io.mailseal.keys.SourceName;
import io.mailseal.keys.SourceResponse;
import io.mailseal.keys.source.ldap.LdapCertificateSource;
import io.mailseal.keys.source.ldap.LdapServerSettings;
import io.mailseal.settings.Checked;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The "user directory" S/MIME source. When the address belongs to one known Confluence user (see
 * {@link UserDirectory}), only that user's own directory is asked (if it is an active LDAP or delegating directory;
 * otherwise no directory is asked). For any other address, every active LDAP or delegating directory of Confluence, in
 * Crowd's order, is asked for the address's certificates through the engine's LDAP certificate source. Certificates from all of them
 * are offered to the selection rules; a directory that fails is named in the answer; a directory whose settings cannot
 * be used (a masked password, a bad URL) is an error naming the attribute. The LDAP sources are kept per directory and
 * rebuilt only when its attributes change (at most {@value #MAX_DIRECTORIES} directories).
 *
 * <p>Thread-safe: the source map is guarded by this object's lock; the LDAP sources are thread-safe.
 */
public final class CrowdDirectoryKeySource implements KeySource {

    /** The most directories asked. */
    public static final int MAX_DIRECTORIES = 20;

    private final CrowdDirectoryService directories;
    private final UserDirectory userDirectory;
    private final CryptoRuntime crypto;
    private final Clock clock;
    private final Map<Long, Built> sources = new LinkedHashMap<>();

    private record Built(Map<String, String> attributes, Checked<LdapServerSettings> settings,
                         LdapCertificateSource source) {
    }

    /** The Crowd directory of the one Confluence user an address belongs to. */
    @FunctionalInterface
    public interface UserDirectory {
        /** Knows no user: every directory is asked. */
        UserDirectory NONE = address -> OptionalLong.empty();

        /**
         * The directory of the address's user.
         *
         * @param address the address
         * @return the directory id, or empty if no single Confluence user is known with this address
         */
        OptionalLong directoryOf(EmailAddress address);
    }

    /**
     * A source over all of Confluence's directories, without the shortcut to a user's own directory.
     *
     * @param directories Crowd's directory service
     * @param crypto      the crypto runtime
     * @param clock       time source
     */
    public CrowdDirectoryKeySource(CrowdDirectoryService directories, CryptoRuntime crypto, Clock clock) {
        this(directories, UserDirectory.NONE, crypto, clock);
    }

    /**
     * A source over Confluence's directories that asks a known user's own directory only.
     *
     * @param directories   Crowd's directory service
     * @param userDirectory the directory of an address's user
     * @param crypto        the crypto runtime
     * @param clock         time source
     */
    public CrowdDirectoryKeySource(CrowdDirectoryService directories, UserDirectory userDirectory,
                                   CryptoRuntime crypto, Clock clock) {
        this.directories = Objects.requireNonNull(directories, "directories");
        this.userDirectory = Objects.requireNonNull(userDirectory, "userDirectory");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SourceName name() {
        return SourceName.USER_DIRECTORY;
    }

    @Override
    public KeyType type() {
        return KeyType.SMIME;
    }

    @Override
    public SourceResponse lookup(EmailAddress address) {
        long start = clock.millis();
        List<Directory> ldap;
        try {
            OptionalLong own = userDirectory.directoryOf(address);
            if (own.isPresent()) {
                Directory directory = directories.findDirectoryById(own.getAsLong());
                if (directory == null || !CrowdLdapSettings.isLdap(directory)) {
                    return SourceResponse.answered(name(), type(), List.of(), List.of(), elapsed(start));
                }
                ldap = List.of(directory);
            } else {
                ldap = directories.findAllDirectories().stream().filter(CrowdLdapSettings::isLdap)
                        .limit(MAX_DIRECTORIES).toList();
            }
        } catch (RuntimeException e) {
            return SourceResponse.error(name(), type(), "Confluence's user directories could not be read: "
                    + e.getMessage(), elapsed(start));
        }
        if (ldap.isEmpty()) {
            return SourceResponse.disabled(name(), type(), "Confluence has no active LDAP user directory");
        }
        List<RecipientKey> accepted = new ArrayList<>();
        List<Rejection> rejected = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (Directory directory : ldap) {
            Built built = sourceFor(directory);
            if (built.settings() instanceof Checked.Invalid<LdapServerSettings> invalid) {
                invalid.problems().forEach(p -> errors.add(p.field() + ": " + p.message()));
                continue;
            }
            SourceResponse response = built.source().lookup(address);
            accepted.addAll(response.accepted());
            rejected.addAll(response.rejected());
            if (response.status() == SourceResponse.Status.ERROR) {
                errors.add("directory '" + directory.getName() + "': " + response.message());
            }
        }
        if (accepted.isEmpty() && !errors.isEmpty()) {
            return SourceResponse.error(name(), type(), String.join("; ", errors), elapsed(start));
        }
        SourceResponse answered = SourceResponse.answered(name(), type(), accepted, rejected, elapsed(start));
        return errors.isEmpty() ? answered : new SourceResponse(answered.source(), answered.type(),
                answered.status(), answered.accepted(), answered.rejected(), String.join("; ", errors),
                answered.duration());
    }

    private synchronized Built sourceFor(Directory directory) {
        Map<String, String> attributes = directory.getAttributes() == null ? Map.of()
                : Map.copyOf(directory.getAttributes());
        Built built = sources.get(directory.getId());
        if (built != null && built.attributes().equals(attributes)) {
            return built;
        }
        Checked<LdapServerSettings> settings = CrowdLdapSettings.of(directory);
        LdapCertificateSource source = settings instanceof Checked.Valid<LdapServerSettings> valid
                ? new LdapCertificateSource(SourceName.USER_DIRECTORY, valid.get(), crypto, clock) : null;
        built = new Built(attributes, settings, source);
        if (sources.size() >= MAX_DIRECTORIES && !sources.containsKey(directory.getId())) {
            sources.remove(sources.keySet().iterator().next());
        }
        sources.put(directory.getId(), built);
        return built;
    }

    private Duration elapsed(long start) {
        return Duration.ofMillis(Math.max(0, clock.millis() - start));
    }
}
