package io.mailseal.sandbox.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jcraft.jsch.ChannelExec;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import io.mailseal.rules.RuleImportParser;
import io.mailseal.rules.RuleImportResult;
import io.mailseal.settings.Secret;
import io.mailseal.use.UseImportParser;
import io.mailseal.use.UseImportResult;
import io.mailseal.use.sftp.JschSftpShare;
import io.mailseal.use.sftp.SftpSettings;
import io.mailseal.use.sftp.ShareFile;
import io.mailseal.use.sftp.ShareResult;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sandbox's demo SFTP share, driven through the engine's JSch adapter with {@link SftpSettings}, exactly as the
 * plugin's USE sync uses it.
 */
class UseShareTest {

    @TempDir
    Path data;

    private UseShare share;

    @AfterEach
    void stop() throws Exception {
        if (share != null) {
            share.close();
        }
    }

    private SftpSettings settings(String password) {
        return SftpSettings.withPassword(share.host(), UseShare.USER, Secret.of(password), share.fingerprint())
                .withPort(share.port());
    }

    private JschSftpShare.Connection connect() {
        ShareResult<JschSftpShare.Connection> connected = new JschSftpShare(settings(UseShare.PASSWORD)).connect();
        assertThat(connected).isInstanceOf(ShareResult.Done.class);
        return ((ShareResult.Done<JschSftpShare.Connection>) connected).value();
    }

    @Test
    void startsOnAFreeLoopbackPortWithThePluginsDefaultDirectoriesAndTheExamplesOutsideTheShare() throws Exception {
        share = UseShare.start(data, 0);

        assertThat(share.port()).isPositive();
        assertThat(share.url()).isEqualTo("sftp://use@127.0.0.1:" + share.port());
        assertThat(share.root()).isEqualTo(data.resolve("use-share").toAbsolutePath().normalize());
        for (String directory : List.of("import", "keys/public", "keys/private", "return")) {
            assertThat(share.root().resolve(directory)).isDirectory();
        }
        assertThat(share.examples().resolve(UseShare.EXAMPLE_USE_IMPORT)).isRegularFile();
        assertThat(share.examples().resolve(UseShare.EXAMPLE_RULE_IMPORT)).isRegularFile();
        assertThat(share.examples().startsWith(share.root())).isFalse();
        try (var imports = Files.list(share.root().resolve("import"))) {
            assertThat(imports).isEmpty();
        }
    }

    @Test
    void theProbeShowsTheFingerprintTheSandboxPrints() throws Exception {
        share = UseShare.start(data, 0);

        ShareResult<String> probe = JschSftpShare.probeHostKey("127.0.0.1", share.port(), Duration.ofSeconds(10));

        assertThat(probe).isEqualTo(new ShareResult.Done<>(share.fingerprint()));
        assertThat(share.fingerprint()).matches("SHA256:[A-Za-z0-9+/]{43}");
    }

    @Test
    void useWithPasswordUseListsImportAndUploadsToReturn() throws Exception {
        share = UseShare.start(data, 0);
        Files.copy(share.examples().resolve(UseShare.EXAMPLE_USE_IMPORT),
                share.root().resolve("import").resolve(UseShare.EXAMPLE_USE_IMPORT));

        try (JschSftpShare.Connection connection = connect()) {
            ShareResult<List<ShareFile>> listed = connection.list("/import");
            ShareResult<Void> uploaded = connection.upload("/return", "run-1-report.txt",
                    "(+) dave@example.com".getBytes(StandardCharsets.UTF_8));

            assertThat(((ShareResult.Done<List<ShareFile>>) listed).value()).extracting(ShareFile::name)
                    .containsExactly(UseShare.EXAMPLE_USE_IMPORT);
            assertThat(uploaded).isInstanceOf(ShareResult.Done.class);
        }
        assertThat(share.root().resolve("return/run-1-report.txt")).hasContent("(+) dave@example.com");
    }

    @Test
    void aWrongPasswordOrUserIsRefused() throws Exception {
        share = UseShare.start(data, 0);

        ShareResult<JschSftpShare.Connection> wrongPassword = new JschSftpShare(settings("wrong")).connect();
        ShareResult<JschSftpShare.Connection> wrongUser = new JschSftpShare(SftpSettings.withPassword("127.0.0.1",
                "admin", Secret.of(UseShare.PASSWORD), share.fingerprint()).withPort(share.port())).connect();

        assertThat(wrongPassword).isInstanceOf(ShareResult.Failed.class);
        assertThat(((ShareResult.Failed<JschSftpShare.Connection>) wrongPassword).reason())
                .contains("login was refused");
        assertThat(wrongUser).isInstanceOf(ShareResult.Failed.class);
    }

    @Test
    void aClientCannotLeaveTheShareRoot() throws Exception {
        share = UseShare.start(data, 0);
        Files.writeString(data.resolve("outside.txt"), "not for the share");

        try (JschSftpShare.Connection connection = connect()) {
            ShareResult<List<ShareFile>> parent = connection.list("/../..");
            ShareResult<byte[]> outside = connection.read("/..", "outside.txt");
            ShareResult<byte[]> hostKey = connection.read("/..", "use-share-host-key.ser");
            ShareResult<Void> escape = connection.upload("/../..", "escaped.txt",
                    "x".getBytes(StandardCharsets.UTF_8));

            assertThat(((ShareResult.Done<List<ShareFile>>) parent).value()).isEmpty();
            assertThat(outside).isInstanceOf(ShareResult.Failed.class);
            assertThat(hostKey).isInstanceOf(ShareResult.Failed.class);
            assertThat(escape).isInstanceOf(ShareResult.Done.class);
        }
        assertThat(data.resolve("escaped.txt")).doesNotExist();
        assertThat(data.getParent().resolve("escaped.txt")).doesNotExist();
        assertThat(share.root().resolve("escaped.txt")).hasContent("x");
    }

    @Test
    void offersNoCommandExecution() throws Exception {
        share = UseShare.start(data, 0);
        JSch jsch = new JSch();
        Session session = jsch.getSession(UseShare.USER, "127.0.0.1", share.port());
        session.setPassword(UseShare.PASSWORD);
        session.setConfig("StrictHostKeyChecking", "no");
        session.connect(10_000);
        try {
            ChannelExec exec = (ChannelExec) session.openChannel("exec");
            exec.setCommand("id");

            assertThatThrownBy(() -> exec.connect(10_000)).isInstanceOf(JSchException.class);
        } finally {
            session.disconnect();
        }
    }

    @Test
    void theHostKeyAndItsFingerprintStayTheSameAfterARestartOnTheSameDataDirectory() throws Exception {
        share = UseShare.start(data, 0);
        String first = share.fingerprint();
        int port = share.port();
        share.close();

        share = UseShare.start(data, port);

        assertThat(share.fingerprint()).isEqualTo(first);
        assertThat(share.port()).isEqualTo(port);
        assertThat(new JschSftpShare(settings(UseShare.PASSWORD)).connect()).isInstanceOf(ShareResult.Done.class);
    }

    @Test
    void aTakenPortFallsBackToAFreeOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            share = UseShare.start(data, taken.getLocalPort());

            assertThat(share.port()).isPositive().isNotEqualTo(taken.getLocalPort());
        }
    }

    @Test
    void theExampleUseImportIsValidForTheEngineAndKeysDaveAndGroupsAliceAndBob() throws Exception {
        share = UseShare.start(data, 0);

        UseImportResult result;
        try (InputStream in = Files.newInputStream(share.examples().resolve(UseShare.EXAMPLE_USE_IMPORT))) {
            result = UseImportParser.create().parse(UseShare.EXAMPLE_USE_IMPORT, in);
        }

        assertThat(result.problems()).isEmpty();
        assertThat(result).isInstanceOf(UseImportResult.Valid.class);
        String text = Files.readString(share.examples().resolve(UseShare.EXAMPLE_USE_IMPORT));
        assertThat(text).contains("pgp-state:dave@example.com;keystate:1", "group:alice@example.com;sandbox-demo",
                "group:bob@example.com;sandbox-demo").endsWith("#####\n");
    }

    @Test
    void theExampleRuleImportIsValidForTheEngineWithTheExamplesGroup() throws Exception {
        share = UseShare.start(data, 0);

        RuleImportResult result;
        try (InputStream in = Files.newInputStream(share.examples().resolve(UseShare.EXAMPLE_RULE_IMPORT))) {
            result = RuleImportParser.create().checkingGroups(Set.of("sandbox-demo"))
                    .parse(UseShare.EXAMPLE_RULE_IMPORT, in);
        }

        assertThat(result.problems()).isEmpty();
        assertThat(result).isInstanceOf(RuleImportResult.Valid.class);
    }

    @Test
    void anExampleTheAdminEditedIsLeftAlone() throws Exception {
        Files.createDirectories(data.resolve("use-examples"));
        Files.writeString(data.resolve("use-examples").resolve(UseShare.EXAMPLE_USE_IMPORT), "mine\n");

        share = UseShare.start(data, 0);

        assertThat(share.examples().resolve(UseShare.EXAMPLE_USE_IMPORT)).hasContent("mine");
    }
}
