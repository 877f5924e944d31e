package io.mailseal.use.sync;

import io.mailseal.ca.CertificateAuthority;
import io.mailseal.ca.CertifiedKey;
import io.mailseal.ca.IssueRequest;
import io.mailseal.ca.IssueResult;
import io.mailseal.ca.RevokeResult;
import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.Secret;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Applies a {@link SyncPlan} to the stores. Keys are made in parallel on a bounded pool (at most {@code parallelism}
 * threads and as many queued tasks; when both are full the calling thread makes a key itself, so memory stays
 * bounded for any number of lines); every other action runs on the calling thread in plan order. Every action gets
 * a result: a failure (an exception from the generator or a store) is recorded for its line and the rest goes on;
 * after {@link SyncCancellation#cancel()} the actions not yet started are recorded as cancelled. A made key's secret
 * part is sealed through the {@link SecretCodec} before it is stored, under {@link ManagedKey#secretField}.
 *
 * <p>Certificates go through the {@link CertificateAuthority} (one at a time, on the calling thread, so the CA's
 * limit is checked in plan order): an issued certificate becomes a {@link ManagedKey.Origin#GENERATED} S/MIME
 * managed key of its address (the DER certificate as the public part, the Base64 PKCS#8 private key sealed as the
 * secret part), so the {@code MANAGED} key source encrypts to it; a revoked certificate's managed key is deleted.
 * Without a CA, certificate actions fail with that reason.
 *
 * <p>Thread-safe: each {@link #execute} call has its own pool, shut down before it returns.
 */
public final class SyncExecutor {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final SyncStores stores;
    private final PgpKeyGenerator generator;
    private final KeyFileImporter importer;
    private final SecretCodec codec;
    private final int parallelism;
    private final CertificateAuthority authority;

    /**
     * An executor.
     *
     * @param stores      the stores to change
     * @param generator   makes PGP keys
     * @param importer    reads the share's key files
     * @param codec       seals secret parts
     * @param parallelism how many keys are made at once, 1 to 64 (the machine's cores is a good value)
     */
    public SyncExecutor(SyncStores stores, PgpKeyGenerator generator, KeyFileImporter importer, SecretCodec codec,
                        int parallelism) {
        this(stores, generator, importer, codec, parallelism, null);
    }

    /**
     * An executor that also issues and revokes certificates.
     *
     * @param stores      the stores to change
     * @param generator   makes PGP keys
     * @param importer    reads the share's key files
     * @param codec       seals secret parts
     * @param parallelism how many keys are made at once, 1 to 64
     * @param authority   issues and revokes S/MIME certificates; null: certificates are not managed
     */
    public SyncExecutor(SyncStores stores, PgpKeyGenerator generator, KeyFileImporter importer, SecretCodec codec,
                        int parallelism, CertificateAuthority authority) {
        this.authority = authority;
        this.stores = Objects.requireNonNull(stores, "stores");
        this.generator = Objects.requireNonNull(generator, "generator");
        this.importer = Objects.requireNonNull(importer, "importer");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (parallelism < 1 || parallelism > 64) {
            throw new IllegalArgumentException("parallelism must be 1 to 64: " + parallelism);
        }
        this.parallelism = parallelism;
    }

    /**
     * The certificate authority, if certificates are managed.
     *
     * @return the CA, or empty
     */
    public Optional<CertificateAuthority> authority() {
        return Optional.ofNullable(authority);
    }

    /**
     * Applies a plan.
     *
     * @param plan         the plan
     * @param progress     hears each finished action
     * @param cancellation asks the execution to stop
     * @return a result for every action
     */
    public Execution execute(SyncPlan plan, SyncProgress progress, SyncCancellation cancellation) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancellation, "cancellation");
        List<SyncAction> actions = plan.actions();
        ActionResult[] results = new ActionResult[actions.size()];
        AtomicInteger done = new AtomicInteger();
        ThreadPoolExecutor pool = pool();
        try {
            for (int i = 0; i < actions.size(); i++) {
                int index = i;
                Runnable task = () -> {
                    results[index] = apply(actions.get(index), cancellation);
                    progress.progress(plan.file(), done.incrementAndGet(), actions.size());
                };
                if (actions.get(i) instanceof SyncAction.CreatePgpKey) {
                    pool.execute(task);
                } else {
                    task.run();
                }
            }
        } finally {
            pool.shutdown();
            awaitQuietly(pool);
        }
        return new Execution(plan, Arrays.asList(results));
    }

    private ThreadPoolExecutor pool() {
        int number = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "mailseal-use-keys-" + number + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(parallelism, parallelism, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(parallelism), factory, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** Waits for the running key tasks; they are bounded by the generator's work, never by a timer. */
    private static void awaitQuietly(ThreadPoolExecutor pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private ActionResult apply(SyncAction action, SyncCancellation cancellation) {
        if (cancellation.isCancelled()) {
            return new ActionResult(action, ActionResult.Status.CANCELLED, "cancelled before it was done");
        }
        try {
            if (action instanceof SyncAction.IssueCertificate issue) {
                return issue(issue);
            }
            if (action instanceof SyncAction.RevokeCertificates revoke) {
                return revoke(revoke);
            }
            return new ActionResult(action, ActionResult.Status.DONE, applyOrThrow(action));
        } catch (RuntimeException e) {
            return new ActionResult(action, ActionResult.Status.FAILED, describe(action) + " failed: "
                    + e.getMessage());
        }
    }

    private CertificateAuthority requireAuthority() {
        if (authority == null) {
            throw new IllegalStateException("no certificate authority is configured");
        }
        return authority;
    }

    private ActionResult issue(SyncAction.IssueCertificate issue) {
        IssueResult result = requireAuthority().issue(new IssueRequest(issue.address().value(), issue.holder(),
                issue.keySpec()));
        if (result instanceof IssueResult.Refused refused) {
            return new ActionResult(issue, ActionResult.Status.FAILED, "the CA created nothing: " + refused.detail(),
                    List.of(new CertificateTransaction.Refused(issue.line(), issue.address(), refused.reason(),
                            refused.detail())));
        }
        CertifiedKey key = ((IssueResult.Issued) result).key();
        stores.keys().save(managed(key));
        return new ActionResult(issue, ActionResult.Status.DONE, "issued certificate "
                + key.certificate().serialHex() + ", valid until " + key.certificate().notAfter(),
                List.of(new CertificateTransaction.Issued(issue.line(), key.certificate(), issue.reason())));
    }

    /** An issued certificate as the address's managed S/MIME key, its private key sealed. */
    private ManagedKey managed(CertifiedKey key) {
        byte[] der;
        try {
            der = key.certificate().certificate().getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("the issued certificate cannot be encoded", e);
        }
        String fingerprint = fingerprint(der);
        String sealed = codec.seal(ManagedKey.secretField(KeyType.SMIME, fingerprint),
                Secret.of(Base64.getEncoder().encodeToString(key.privateKey().getEncoded())));
        return new ManagedKey(new ManagedKeyStatus(fingerprint, key.certificate().address(), KeyType.SMIME,
                ManagedKey.Origin.GENERATED, key.certificate().notBefore(),
                Optional.of(key.certificate().notAfter()), false, true), der, Optional.of(sealed));
    }

    /** A certificate's managed-key fingerprint: SHA-256 of its DER, upper-case hex. */
    static String fingerprint(byte[] der) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Revokes certificates now, outside a plan (an admin's revocation on the archive page), exactly as a plan's
     * revocation: each serial with the action's reason, and the revoked certificates' managed keys of the address
     * deleted (its other managed S/MIME keys stay). The caller holds the run lock, as for a plan.
     *
     * @param revoke the revocation
     * @return done with the revoked certificates as transactions, or failed naming the serials not revoked (unknown,
     *         already revoked) or why
     */
    public ActionResult revokeNow(SyncAction.RevokeCertificates revoke) {
        Objects.requireNonNull(revoke, "revoke");
        return apply(revoke, new SyncCancellation());
    }

    private ActionResult revoke(SyncAction.RevokeCertificates revoke) {
        CertificateAuthority ca = requireAuthority();
        List<CertificateTransaction> done = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Set<String> revoked = new HashSet<>();
        for (BigInteger serial : revoke.serials()) {
            RevokeResult result = ca.revoke(serial, revoke.reason());
            if (result instanceof RevokeResult.Revoked ok) {
                done.add(new CertificateTransaction.Revoked(revoke.line(), ok.certificate(), ok.revocation()));
                try {
                    revoked.add(fingerprint(ok.certificate().certificate().getEncoded()));
                } catch (CertificateEncodingException e) {
                    throw new IllegalStateException("a revoked certificate cannot be encoded", e);
                }
            } else {
                refused.add(((RevokeResult.Refused) result).detail());
            }
        }
        List<ManagedKey> kept = stores.keys().findKeys(revoke.address(), KeyType.SMIME).stream()
                .filter(key -> !revoked.contains(key.fingerprint())).toList();
        if (!revoked.isEmpty()) {
            stores.keys().deleteKeys(revoke.address(), KeyType.SMIME);
            kept.forEach(stores.keys()::save);
        }
        String detail = "revoked " + done.size() + " certificate" + (done.size() == 1 ? "" : "s")
                + (refused.isEmpty() ? "" : "; not revoked: " + String.join("; ", refused));
        return new ActionResult(revoke, refused.isEmpty() ? ActionResult.Status.DONE : ActionResult.Status.FAILED,
                detail, done);
    }

    private String applyOrThrow(SyncAction action) {
        if (action instanceof SyncAction.CreatePgpKey create) {
            PgpKeyGenerator.Generated key = generator.generate(create.spec());
            String sealed = codec.seal(ManagedKey.secretField(KeyType.PGP, key.fingerprint()), key.secretKey());
            stores.keys().save(new ManagedKey(new ManagedKeyStatus(key.fingerprint(), create.spec().address(),
                    KeyType.PGP, ManagedKey.Origin.GENERATED, key.created(), Optional.of(key.expires()), false, true),
                    key.publicKey(), Optional.of(sealed)));
            return "made key " + key.fingerprint() + ", valid until " + key.expires();
        }
        if (action instanceof SyncAction.DeletePgpKeys delete) {
            List<ManagedKeyStatus> deleted = stores.keys().deleteKeys(delete.address(), KeyType.PGP);
            return "deleted " + deleted.size() + " managed PGP key" + (deleted.size() == 1 ? "" : "s");
        }
        if (action instanceof SyncAction.SetGroup set) {
            stores.groups().replace(set.name(), set.members());
            return "group " + set.name() + " set to " + set.members().size() + " members";
        }
        if (action instanceof SyncAction.ReplaceRules replace) {
            stores.rules().replace(replace.rules());
            return "live rule set replaced (" + replace.rules().rules().size() + " rules)";
        }
        KeyFileImporter.Imported imported;
        if (action instanceof SyncAction.ImportPublicKeys publicKeys) {
            imported = importer.importPublic(publicKeys.file(), publicKeys.content());
        } else if (action instanceof SyncAction.ImportPrivateKey privateKey) {
            imported = importer.importPrivate(privateKey.file(), privateKey.content(), privateKey.passphrases());
        } else {
            throw new IllegalStateException("unhandled action " + action);
        }
        if (imported instanceof KeyFileImporter.Imported.Refused refused) {
            throw new IllegalStateException(refused.reason());
        }
        List<ManagedKey> keys = ((KeyFileImporter.Imported.Keys) imported).keys();
        keys.forEach(stores.keys()::save);
        return "imported " + keys.stream().map(key -> key.status().type() + " " + key.fingerprint() + " for "
                + key.address().value() + (key.sealedSecret().isPresent() ? " (signing identity)" : ""))
                .collect(Collectors.joining(", "));
    }

    private static String describe(SyncAction action) {
        if (action instanceof SyncAction.CreatePgpKey create) {
            return "making a key for " + create.spec().address().value();
        }
        if (action instanceof SyncAction.DeletePgpKeys delete) {
            return "deleting the keys of " + delete.address().value();
        }
        if (action instanceof SyncAction.SetGroup set) {
            return "setting group " + set.name();
        }
        if (action instanceof SyncAction.ReplaceRules) {
            return "replacing the live rules";
        }
        if (action instanceof SyncAction.IssueCertificate issue) {
            return "issuing a certificate for " + issue.address().value();
        }
        if (action instanceof SyncAction.RevokeCertificates revoke) {
            return "revoking the certificates of " + revoke.address().value();
        }
        return "importing";
    }
}
