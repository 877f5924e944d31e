package io.mailseal.use;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailseal.keys.EmailAddress;
import io.mailseal.keys.KeyType;
import io.mailseal.rules.GroupMember;
import io.mailseal.rules.Groups;
import io.mailseal.rules.RuleSet;
import io.mailseal.store.ManagedKey;
import io.mailseal.store.ManagedKeyStatus;
import io.mailseal.use.sync.KeyDefaults;
import io.mailseal.use.sync.LineOutcome;
import io.mailseal.use.sync.LinePrefix;
import io.mailseal.use.sync.Reconciler;
import io.mailseal.use.sync.SmimeSyncSettings;
import io.mailseal.use.sync.TestCertificates;
import io.mailseal.ca.IssuedCertificate;
import io.mailseal.use.sync.SyncAction;
import io.mailseal.use.sync.SyncPlan;
import io.mailseal.use.sync.SyncState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reconciler over random files and random current states from fixed seeds (a failure names its seed): applying a
 * plan and planning the same file again gives a plan without actions, every line of which says "nothing to do".
 */
class ReconcilerPropertyTest {

    private static final int SEEDS = 300;
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final List<String> LIVE_GROUPS = List.of("sales", "LEGAL TEAM", "untouched", "other");

    private final Reconciler reconciler = new Reconciler(KeyDefaults.SPEC, SmimeSyncSettings.DEFAULTS.withMaxLive(
            1000), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void planningTheSameFileAgainAfterApplyingItsPlanGivesAnEmptyPlan() {
        for (long seed = 0; seed < SEEDS; seed++) {
            Random random = new Random(seed);
            RandomUseFiles files = new RandomUseFiles(random);
            List<UseLine> lines = files.lines(random.nextInt(80));
            UseImportResult.Valid file = new UseImportResult.Valid("random.useimport", lines, RunOptions.NONE);
            World world = World.around(lines, files, random);

            SyncPlan first = reconciler.reconcile(world.state(), file);
            world.apply(first);
            SyncPlan second = reconciler.reconcile(world.state(), file);

            assertThat(second.actions()).as("seed %d", seed).isEmpty();
            assertThat(second.lines()).as("seed %d", seed).allSatisfy(outcome -> assertThat(outcome.prefix())
                    .isIn(LinePrefix.NOTHING, LinePrefix.FAILED));
            assertThat(second.lines()).extracting(LineOutcome::line).as("seed %d: every line once, in order", seed)
                    .containsExactlyElementsOf(lines.stream().map(UseLine::line).toList());
            assertThat(first.lines().stream().filter(o -> o.prefix() == LinePrefix.FAILED).count())
                    .as("seed %d: only dsa lines and one-word personal names fail", seed).isEqualTo(second.lines().stream()
                            .filter(o -> o.prefix() == LinePrefix.FAILED).count());
        }
    }

    /** A current state made around a file's addresses and groups, and the effect of applying a plan to it. */
    private static final class World {

        private final Map<String, List<ManagedKeyStatus>> keys = new LinkedHashMap<>();
        private final Map<String, List<GroupMember>> groups = new LinkedHashMap<>();
        private final Map<String, List<IssuedCertificate>> certificates = new LinkedHashMap<>();
        private int fingerprints;

        static World around(List<UseLine> lines, RandomUseFiles files, Random random) {
            World world = new World();
            for (UseLine line : lines) {
                if (line instanceof UseLine.PgpState pgp && random.nextInt(3) > 0) {
                    int keys = 1 + random.nextInt(2);
                    for (int i = 0; i < keys; i++) {
                        int kind = random.nextInt(3);
                        world.add(pgp.address(), kind == 0 ? NOW.minus(Duration.ofDays(1)) : NOW.plus(Duration
                                .ofDays(30)), kind == 1);
                    }
                }
                if (line instanceof UseLine.SmimeState smime && random.nextInt(3) > 0) {
                    int kind = random.nextInt(3);
                    world.certify(smime.address(), kind == 0 ? NOW.plus(Duration.ofHours(47))
                            : NOW.plus(Duration.ofDays(30 + random.nextInt(300))));
                }
                if (line instanceof UseLine.GroupEntry entry && random.nextBoolean()) {
                    world.groups.computeIfAbsent(entry.group(), g -> new ArrayList<>()).add(entry.member());
                }
            }
            for (String group : LIVE_GROUPS) {
                if (random.nextBoolean()) {
                    world.groups.computeIfAbsent(group, g -> new ArrayList<>())
                            .add(new io.mailseal.rules.Endpoint.Address(files.address()));
                }
            }
            return world;
        }

        void add(EmailAddress address, Instant expires, boolean revoked) {
            keys.computeIfAbsent(address.canonical(), a -> new ArrayList<>()).add(new ManagedKeyStatus(
                    "FP" + (++fingerprints), address, KeyType.PGP, ManagedKey.Origin.GENERATED, NOW.minus(Duration
                    .ofDays(400)), Optional.of(expires), revoked, true));
        }

        void certify(EmailAddress address, Instant notAfter) {
            certificates.computeIfAbsent(address.canonical(), a -> new ArrayList<>())
                    .add(TestCertificates.issued(address, notAfter));
        }

        SyncState state() {
            Groups.Builder builder = Groups.builder();
            groups.forEach((name, members) -> members.forEach(member -> builder.add(name, member)));
            return SyncState.of(keys.values().stream().flatMap(List::stream).toList(), builder.build(),
                    RuleSet.EMPTY).withCertificates(certificates.values().stream().flatMap(List::stream).toList());
        }

        void apply(SyncPlan plan) {
            for (SyncAction action : plan.actions()) {
                if (action instanceof SyncAction.CreatePgpKey create) {
                    add(create.spec().address(), NOW.plus(Duration.ofDays(365)), false);
                } else if (action instanceof SyncAction.DeletePgpKeys delete) {
                    keys.remove(delete.address().canonical());
                } else if (action instanceof SyncAction.IssueCertificate issue) {
                    certify(issue.address(), NOW.plus(Duration.ofDays(365)));
                } else if (action instanceof SyncAction.RevokeCertificates revoke) {
                    certificates.remove(revoke.address().canonical());
                } else if (action instanceof SyncAction.SetGroup set) {
                    groups.keySet().removeIf(name -> name.equalsIgnoreCase(set.name()));
                    groups.put(set.name(), new ArrayList<>(set.members()));
                } else {
                    throw new AssertionError("unexpected action " + action);
                }
            }
        }
    }
}
