package io.mailseal.use.sync;

import io.mailseal.crypto.pgp.PgpKeyGenerator;
import io.mailseal.keys.KeyType;
import io.mailseal.settings.SecretCodec;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Thread-safe: each {@link #execute} call has its own pool, shut down before it returns.
 */
public final class SyncExecutor {

    private static final AtomicInteger POOLS = new AtomicInteger();

    private final SyncStores stores;
    private final PgpKeyGenerator generator;
    private final KeyFileImporter importer;
    private final SecretCodec codec;
    private final int parallelism;

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
            return new ActionResult(action, ActionResult.Status.DONE, applyOrThrow(action));
        } catch (RuntimeException e) {
            return new ActionResult(action, ActionResult.Status.FAILED, describe(action) + " failed: "
                    + e.getMessage());
        }
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
        return "importing";
    }
}
