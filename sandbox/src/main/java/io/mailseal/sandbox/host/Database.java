package io.mailseal.sandbox.host;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * The sandbox's H2 file database in the data directory. It holds one connection for the host's own tables (Bandana,
 * pages) for its whole life, which also keeps the database open between the Active Objects calls that open their own
 * connections to {@link #jdbcUrl()}. {@link #close()} shuts the database down cleanly.
 *
 * <p>Thread-safe: callers of {@link #connection()} synchronize on the connection for multi-statement work
 * ({@link #transaction}).
 */
public final class Database implements AutoCloseable {

    private final String jdbcUrl;
    private final Connection connection;

    private Database(String jdbcUrl, Connection connection) {
        this.jdbcUrl = jdbcUrl;
        this.connection = connection;
    }

    /**
     * Opens (and creates if needed) the database {@code <directory>/sandbox.mv.db}.
     *
     * @param directory where the database files live
     * @return the open database
     * @throws SQLException if H2 cannot open it (for example when another sandbox uses the same data directory)
     */
    public static Database open(Path directory) throws SQLException {
        // closed by close(), not by H2's own shutdown hook, which would run before the plugin stops
        String url = "jdbc:h2:file:" + directory.toAbsolutePath().resolve("sandbox") + ";DB_CLOSE_ON_EXIT=FALSE";
        Connection connection = DriverManager.getConnection(url, "sa", "");
        return new Database(url, connection);
    }

    /**
     * The JDBC URL, for Active Objects' own connections.
     *
     * @return the URL; the user is {@code sa} with an empty password
     */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /**
     * Runs work on the host's connection in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param work what to do
     * @param <T>  its result
     * @return the work's result
     * @throws SQLException what the work or the commit threw
     */
    public <T> T transaction(SqlWork<T> work) throws SQLException {
        Objects.requireNonNull(work, "work");
        synchronized (connection) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** Shuts the database down (every connection, Active Objects' too) and closes the host's connection. */
    @Override
    public void close() throws SQLException {
        synchronized (connection) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            } finally {
                connection.close();
            }
        }
    }

    /**
     * Work on a JDBC connection.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    public interface SqlWork<T> {
        /**
         * Does the work.
         *
         * @param connection the host's connection, in a transaction
         * @return the result
         * @throws SQLException on a database failure
         */
        T run(Connection connection) throws SQLException;
    }
}
