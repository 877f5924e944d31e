package io.mailseal.use.sftp;

import com.jcraft.jsch.ChannelSftp;
import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.Session;
import com.jcraft.jsch.SftpATTRS;
import com.jcraft.jsch.SftpException;
import com.jcraft.jsch.UserInfo;
import io.mailseal.settings.Checked;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.Vector;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The import share over SFTP with JSch. A connection is made only when the server's host key has the fingerprint the
 * admin accepted; {@link #probeHostKey} tells the fingerprint of a server the admin has not accepted yet (it connects
 * far enough to see the key and then stops, without logging in).
 *
 * <p>Thread-safe: each {@link #connect()} opens its own session; a {@link Connection} is used by one thread.
 */
public final class JschSftpShare implements ImportShare {

    private final SftpSettings settings;

    /**
     * A share.
     *
     * @param settings where it is and how to log in
     */
    public JschSftpShare(SftpSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * The fingerprint of the server's host key, for the admin to compare and accept.
     *
     * @param host    the host
     * @param port    the port
     * @param timeout how long to try
     * @return the fingerprint ({@code SHA256:...}) and key type, or why it could not be seen
     */
    public static ShareResult<String> probeHostKey(String host, int port, Duration timeout) {
        AtomicReference<String> seen = new AtomicReference<>();
        JSch jsch = new JSch();
        jsch.setHostKeyRepository(new PinnedHostKey(null, seen));
        try {
            Session session = jsch.getSession("mailseal-probe", host, port);
            session.setConfig("StrictHostKeyChecking", "yes");
            session.connect((int) timeout.toMillis());
            session.disconnect();
        } catch (JSchException e) {
            if (seen.get() == null) {
                return failure(host + ":" + port, e);
            }
        }
        return seen.get() == null ? new ShareResult.Failed<>(host + ":" + port + ": no host key was offered", true)
                : new ShareResult.Done<>(seen.get());
    }

    /**
     * Opens a session: the same as {@link #connect()}.
     *
     * @return the connection, or why there is none
     */
    @Override
    public ShareResult<Connection> open() {
        return connect();
    }

    /**
     * Connects and logs in.
     *
     * @return an open connection, or why there is none
     */
    public ShareResult<Connection> connect() {
        if (settings.check() instanceof Checked.Invalid<SftpSettings> invalid) {
            return new ShareResult.Failed<>("the SFTP settings are not usable: " + invalid.problems().stream()
                    .map(p -> p.field() + " " + p.message()).toList(), false);
        }
        String where = settings.host() + ":" + settings.port();
        if (settings.hostKey() == null) {
            return new ShareResult.Failed<>(where + ": no host key has been accepted yet; look at its fingerprint and"
                    + " accept it first", false);
        }
        AtomicReference<String> seen = new AtomicReference<>();
        JSch jsch = new JSch();
        jsch.setHostKeyRepository(new PinnedHostKey(settings.hostKey(), seen));
        Session session = null;
        try {
            if (settings.privateKey() != null && !settings.privateKey().isBlank()) {
                jsch.addIdentity("mailseal-share", settings.privateKey().getBytes(StandardCharsets.UTF_8), null,
                        settings.passphrase().isEmpty() ? null
                                : settings.passphrase().reveal().getBytes(StandardCharsets.UTF_8));
            }
            session = jsch.getSession(settings.user(), settings.host(), settings.port());
            if (!settings.password().isEmpty()) {
                session.setPassword(settings.password().reveal());
            }
            session.setConfig("StrictHostKeyChecking", "yes");
            session.setConfig("PreferredAuthentications", "publickey,password");
            session.setTimeout((int) settings.readTimeout().toMillis());
            session.connect((int) settings.connectTimeout().toMillis());
            ChannelSftp sftp = (ChannelSftp) session.openChannel("sftp");
            sftp.connect((int) settings.connectTimeout().toMillis());
            return new ShareResult.Done<>(new Connection(session, sftp, where, settings.maxFileBytes()));
        } catch (JSchException e) {
            if (session != null) {
                session.disconnect();
            }
            if (seen.get() != null && !seen.get().equals(settings.hostKey())) {
                return new ShareResult.Failed<>(where + ": the host key is " + seen.get() + ", not the accepted "
                        + settings.hostKey() + "; nothing was sent. If the server's key really changed, accept the"
                        + " new one", false);
            }
            return failure(where, e);
        }
    }

    private static <T> ShareResult<T> failure(String where, Exception e) {
        Throwable cause = e.getCause();
        boolean network = cause instanceof ConnectException || cause instanceof SocketTimeoutException
                || cause instanceof UnknownHostException || String.valueOf(e.getMessage()).contains("timeout");
        String message = String.valueOf(e.getMessage());
        if (message.contains("Auth fail") || message.contains("Auth cancel")) {
            return new ShareResult.Failed<>(where + ": the login was refused (check user, password or key)", false);
        }
        return new ShareResult.Failed<>(where + ": " + message + (cause != null && cause != e
                ? " (" + cause.getMessage() + ")" : ""), network || !message.contains("reject"));
    }

    /** The SHA-256 fingerprint of a host key blob, as OpenSSH prints it. */
    static String fingerprint(byte[] key) {
        try {
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(key));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Accepts exactly one host key, by fingerprint; records what the server offered. */
    private static final class PinnedHostKey implements HostKeyRepository {
        private final String accepted;
        private final AtomicReference<String> seen;

        PinnedHostKey(String accepted, AtomicReference<String> seen) {
            this.accepted = accepted;
            this.seen = seen;
        }

        @Override
        public int check(String host, byte[] key) {
            String offered = fingerprint(key);
            seen.set(offered);
            if (accepted == null) {
                return NOT_INCLUDED;
            }
            return MessageDigest.isEqual(offered.getBytes(StandardCharsets.US_ASCII),
                    accepted.getBytes(StandardCharsets.US_ASCII)) ? OK : CHANGED;
        }

        @Override
        public void add(HostKey hostkey, UserInfo ui) {
            // the pinned key is the admin's choice; nothing is learned
        }

        @Override
        public void remove(String host, String type) {
            // nothing stored
        }

        @Override
        public void remove(String host, String type, byte[] key) {
            // nothing stored
        }

        @Override
        public String getKnownHostsRepositoryID() {
            return "mailseal-pinned";
        }

        @Override
        public HostKey[] getHostKey() {
            return new HostKey[0];
        }

        @Override
        public HostKey[] getHostKey(String host, String type) {
            return new HostKey[0];
        }
    }

    /**
     * An open, logged-in connection to the share. Not thread-safe; close it when done.
     */
    public static final class Connection implements ShareSession {
        private final Session session;
        private final ChannelSftp sftp;
        private final String where;
        private final long maxFileBytes;

        Connection(Session session, ChannelSftp sftp, String where, long maxFileBytes) {
            this.session = session;
            this.sftp = sftp;
            this.where = where;
            this.maxFileBytes = maxFileBytes;
        }

        /**
         * The regular files of a directory, by name.
         *
         * @param directory the directory
         * @return the files, or why they could not be listed
         */
        @Override
        public ShareResult<List<ShareFile>> list(String directory) {
            try {
                List<ShareFile> files = new ArrayList<>();
                @SuppressWarnings("unchecked")
                Vector<ChannelSftp.LsEntry> entries = sftp.ls(directory);
                for (ChannelSftp.LsEntry entry : entries) {
                    SftpATTRS attrs = entry.getAttrs();
                    if (attrs.isReg()) {
                        files.add(new ShareFile(entry.getFilename(), attrs.getSize(),
                                Instant.ofEpochSecond(Integer.toUnsignedLong(attrs.getMTime()))));
                    }
                }
                files.sort((a, b) -> a.name().compareTo(b.name()));
                return new ShareResult.Done<>(List.copyOf(files));
            } catch (SftpException e) {
                return sftpFailure(directory, e);
            }
        }

        /**
         * A file's bytes, if it is not larger than the cap.
         *
         * @param directory the directory
         * @param name      the file name
         * @return the bytes, or why they could not be read
         */
        @Override
        public ShareResult<byte[]> read(String directory, String name) {
            String path = path(directory, name);
            try {
                long size = sftp.stat(path).getSize();
                if (size > maxFileBytes) {
                    return new ShareResult.Failed<>(where + " " + path + ": " + size + " bytes, more than the "
                            + maxFileBytes + " allowed", false);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(0, size));
                try (InputStream in = sftp.get(path)) {
                    byte[] buffer = new byte[16 * 1024];
                    long total = 0;
                    for (int n; (n = in.read(buffer)) > 0; ) {
                        total += n;
                        if (total > maxFileBytes) {
                            return new ShareResult.Failed<>(where + " " + path + ": grew past " + maxFileBytes
                                    + " bytes while being read", true);
                        }
                        out.write(buffer, 0, n);
                    }
                }
                return new ShareResult.Done<>(out.toByteArray());
            } catch (SftpException e) {
                return sftpFailure(path, e);
            } catch (IOException e) {
                return new ShareResult.Failed<>(where + " " + path + ": " + e.getMessage(), true);
            }
        }

        /**
         * Deletes a file (after it was processed).
         *
         * @param directory the directory
         * @param name      the file name
         * @return done, or why not
         */
        @Override
        public ShareResult<Void> delete(String directory, String name) {
            try {
                sftp.rm(path(directory, name));
                return new ShareResult.Done<>(null);
            } catch (SftpException e) {
                return sftpFailure(path(directory, name), e);
            }
        }

        /**
         * Writes a file whole: under a temporary name first, then renamed, so a reader never sees half of it.
         *
         * @param directory the directory
         * @param name      the file name
         * @param bytes     the content
         * @return done, or why not
         */
        @Override
        public ShareResult<Void> upload(String directory, String name, byte[] bytes) {
            String temporary = path(directory, "." + name + "." + UUID.randomUUID() + ".part");
            try {
                sftp.put(new ByteArrayInputStream(bytes), temporary, ChannelSftp.OVERWRITE);
                try {
                    sftp.rm(path(directory, name));
                } catch (SftpException absent) {
                    // nothing to replace
                }
                sftp.rename(temporary, path(directory, name));
                return new ShareResult.Done<>(null);
            } catch (SftpException e) {
                try {
                    sftp.rm(temporary);
                } catch (SftpException ignored) {
                    // best effort
                }
                return sftpFailure(path(directory, name), e);
            }
        }

        /**
         * Deletes the files of a directory that are older than the retention (the return directory: 30 days).
         *
         * @param directory the directory
         * @param retention how long files are kept
         * @param clock     the time source
         * @return the names deleted, or why the directory could not be listed
         */
        @Override
        public ShareResult<List<String>> purgeOlderThan(String directory, Duration retention, Clock clock) {
            ShareResult<List<ShareFile>> listed = list(directory);
            if (!(listed instanceof ShareResult.Done<List<ShareFile>> done)) {
                return new ShareResult.Failed<>(((ShareResult.Failed<List<ShareFile>>) listed).reason(),
                        ((ShareResult.Failed<List<ShareFile>>) listed).retryable());
            }
            Instant cutoff = clock.instant().minus(retention);
            List<String> deleted = new ArrayList<>();
            for (ShareFile file : done.value()) {
                if (file.modified().isBefore(cutoff) && delete(directory, file.name()) instanceof ShareResult.Done) {
                    deleted.add(file.name());
                }
            }
            return new ShareResult.Done<>(List.copyOf(deleted));
        }

        private static String path(String directory, String name) {
            if (name.contains("/") || name.equals("..") || name.equals(".")) {
                throw new IllegalArgumentException("not a plain file name: " + name);
            }
            return directory.endsWith("/") ? directory + name : directory + "/" + name;
        }

        private <T> ShareResult<T> sftpFailure(String path, SftpException e) {
            boolean missing = e.id == ChannelSftp.SSH_FX_NO_SUCH_FILE;
            boolean denied = e.id == ChannelSftp.SSH_FX_PERMISSION_DENIED;
            return new ShareResult.Failed<>(where + " " + path + ": " + (missing ? "no such file or directory"
                    : denied ? "permission denied" : e.getMessage()), !missing && !denied);
        }

        @Override
        public void close() {
            sftp.disconnect();
            session.disconnect();
        }
    }
}
