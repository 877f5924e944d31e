package io.mailseal.sandbox;

import io.mailseal.sandbox.demo.DemoDirectory;
import io.mailseal.sandbox.demo.UseShare;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar mailseal-sandbox.jar [--port 8080] [--data ./sandbox-data] [--bind 127.0.0.1]}: starts the
 * sandbox, prints its URL, the demo logins and the USE sync's SFTP share, and runs until Ctrl-C (a shutdown hook
 * stops every part cleanly).
 *
 * <p>Not meant to be called from other code; {@link Sandbox} is the API.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    /**
     * Runs the sandbox.
     *
     * @param args the command line
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        quietLogging();
        SandboxConfig config = SandboxConfig.defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--port" -> config = config.withPort(Integer.parseInt(value(args, ++i, arg)));
                case "--data" -> config = config.withDataDir(Paths.get(value(args, ++i, arg)));
                case "--bind" -> config = config.withBindAddress(value(args, ++i, arg));
                case "-h", "--help" -> {
                    usage(System.out);
                    return;
                }
                default -> {
                    System.err.println("unknown option: " + arg);
                    usage(System.err);
                    System.exit(2);
                }
            }
        }
        if (!InetAddress.getByName(config.bindAddress()).isLoopbackAddress()) {
            System.err.println("WARNING: listening on " + config.bindAddress() + ", not on loopback: anyone who can"
                    + " reach this address can log in with the demo passwords.");
        }
        System.out.println("Starting the Mailseal sandbox (data in " + config.dataDir().toAbsolutePath() + ") ...");
        Sandbox sandbox;
        try {
            sandbox = Sandbox.start(config);
        } catch (Exception e) {
            System.err.println("The sandbox did not start: " + e.getMessage());
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the Mailseal sandbox ...");
            sandbox.close();
            System.out.println("Stopped.");
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println();
        System.out.println("Mailseal sandbox running at " + sandbox.baseUrl() + "/");
        System.out.println("Demo logins (user / password):");
        for (String login : DemoDirectory.logins()) {
            System.out.println("  " + login);
        }
        System.out.println("Mailbox (admin): " + sandbox.baseUrl() + "/mailbox   Pages: " + sandbox.baseUrl()
                + "/pages");
        UseShare share = sandbox.useShare();
        System.out.println("USE share: " + share.url() + " (password \"" + UseShare.PASSWORD + "\", demo only),"
                + " files in " + share.root() + "; examples in " + share.examples());
        System.out.println("  host key " + share.fingerprint() + " (accept it under USE sync, Test connection)");
        System.out.println("Press Ctrl-C to stop.");
        stopped.await();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return args[index];
    }

    private static void usage(PrintStream out) {
        out.println("usage: java -jar mailseal-sandbox.jar [--port PORT] [--data DIR] [--bind ADDRESS]");
        out.println("  --port PORT     web server port (default 8080)");
        out.println("  --data DIR      where state is kept across restarts (default ./sandbox-data)");
        out.println("  --bind ADDRESS  address to listen on (default 127.0.0.1)");
    }

    /** Framework chatter stays out of the console unless asked for with -Dorg.slf4j.simpleLogger.*. */
    private static void quietLogging() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.io.mailseal", "info");
        // "extensions bundle not present, annotation processing disabled": harmless, plugins wire by XML
        setIfAbsent("org.slf4j.simpleLogger.log.org.eclipse.gemini.blueprint.extender.internal.support"
                + ".ExtenderConfiguration", "error");
        // a taken SFTP port: the share falls back to a free one and the sandbox says so in its own words
        setIfAbsent("org.slf4j.simpleLogger.log.org.apache.sshd.common.io.nio2.Nio2Acceptor", "off");
        setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
        setIfAbsent("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
