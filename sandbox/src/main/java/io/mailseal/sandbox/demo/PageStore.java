package io.mailseal.sandbox.demo;

import io.mailseal.sandbox.host.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo pages in the sandbox database: a page has a space, a title, a body (plain text, one paragraph per blank
 * line), a version, its last editor and its watchers. The first start creates "Project Falcon" watched by bob, carol
 * and dave.
 *
 * <p>Thread-safe: every call is one database transaction.
 */
public final class PageStore {

    /** The demo page's watchers. */
    public static final List<String> DEMO_WATCHERS = List.of("bob", "carol", "dave");

    private final Database database;
    private final Clock clock;

    /**
     * Opens the store, creating its tables and the demo page if needed.
     *
     * @param database the sandbox database
     * @param clock    gives edit times
     * @throws SQLException if the tables cannot be created
     */
    public PageStore(Database database, Clock clock) throws SQLException {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS SANDBOX_PAGE (ID BIGINT AUTO_INCREMENT PRIMARY KEY,"
                        + " SPACE VARCHAR(255) NOT NULL, TITLE VARCHAR(255) NOT NULL, BODY CLOB NOT NULL,"
                        + " VERSION INT NOT NULL, LAST_EDITOR VARCHAR(255) NOT NULL, LAST_EDITED TIMESTAMP NOT NULL)");
                statement.execute("CREATE TABLE IF NOT EXISTS SANDBOX_PAGE_WATCHER (PAGE_ID BIGINT NOT NULL,"
                        + " USERNAME VARCHAR(255) NOT NULL, PRIMARY KEY (PAGE_ID, USERNAME))");
                try (ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM SANDBOX_PAGE")) {
                    count.next();
                    if (count.getLong(1) == 0) {
                        long id = insert(connection, "Team Space", "Project Falcon",
                                "Project Falcon is the code name of our next product.\n\n"
                                        + "Launch date and budget are confidential: this page's notifications must"
                                        + " never leave in clear.", "admin");
                        for (String watcher : DEMO_WATCHERS) {
                            watch(connection, id, watcher);
                        }
                    }
                }
            }
            return null;
        });
    }

    /**
     * Every page, by title.
     *
     * @return the pages
     * @throws SQLException on a database failure
     */
    public List<Page> pages() throws SQLException {
        return database.transaction(connection -> {
            List<Page> pages = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT ID FROM SANDBOX_PAGE ORDER BY TITLE")) {
                while (rows.next()) {
                    read(connection, rows.getLong(1)).ifPresent(pages::add);
                }
            }
            return pages;
        });
    }

    /**
     * A page.
     *
     * @param id its id
     * @return the page, if it exists
     * @throws SQLException on a database failure
     */
    public Optional<Page> page(long id) throws SQLException {
        return database.transaction(connection -> read(connection, id));
    }

    /**
     * Saves an edit: new title and body, the next version, the editor and now.
     *
     * @param id     the page
     * @param title  its new title
     * @param body   its new body
     * @param editor who edited it
     * @return the page as saved, or empty if it does not exist
     * @throws SQLException on a database failure
     */
    public Optional<Page> edit(long id, String title, String body, String editor) throws SQLException {
        return database.transaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE SANDBOX_PAGE SET TITLE = ?,"
                    + " BODY = ?, VERSION = VERSION + 1, LAST_EDITOR = ?, LAST_EDITED = ? WHERE ID = ?")) {
                update.setString(1, title);
                update.setString(2, body);
                update.setString(3, editor);
                update.setTimestamp(4, Timestamp.from(clock.instant()));
                update.setLong(5, id);
                if (update.executeUpdate() == 0) {
                    return Optional.empty();
                }
            }
            return read(connection, id);
        });
    }

    /**
     * Starts or stops watching a page.
     *
     * @param id       the page
     * @param username the user
     * @param watching whether to watch it
     * @throws SQLException on a database failure
     */
    public void setWatching(long id, String username, boolean watching) throws SQLException {
        database.transaction(connection -> {
            if (watching) {
                watch(connection, id, username);
            } else {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM SANDBOX_PAGE_WATCHER WHERE PAGE_ID = ? AND USERNAME = ?")) {
                    delete.setLong(1, id);
                    delete.setString(2, username);
                    delete.executeUpdate();
                }
            }
            return null;
        });
    }

    private long insert(Connection connection, String space, String title, String body, String editor)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO SANDBOX_PAGE (SPACE, TITLE, BODY,"
                + " VERSION, LAST_EDITOR, LAST_EDITED) VALUES (?, ?, ?, 1, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, space);
            insert.setString(2, title);
            insert.setString(3, body);
            insert.setString(4, editor);
            insert.setTimestamp(5, Timestamp.from(clock.instant()));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void watch(Connection connection, long id, String username) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO SANDBOX_PAGE_WATCHER (PAGE_ID, USERNAME) KEY (PAGE_ID, USERNAME) VALUES (?, ?)")) {
            merge.setLong(1, id);
            merge.setString(2, username);
            merge.executeUpdate();
        }
    }

    private static Optional<Page> read(Connection connection, long id) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT SPACE, TITLE, BODY, VERSION,"
                + " LAST_EDITOR, LAST_EDITED FROM SANDBOX_PAGE WHERE ID = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                List<String> watchers = new ArrayList<>();
                try (PreparedStatement who = connection.prepareStatement(
                        "SELECT USERNAME FROM SANDBOX_PAGE_WATCHER WHERE PAGE_ID = ? ORDER BY USERNAME")) {
                    who.setLong(1, id);
                    try (ResultSet names = who.executeQuery()) {
                        while (names.next()) {
                            watchers.add(names.getString(1));
                        }
                    }
                }
                return Optional.of(new Page(id, row.getString(1), row.getString(2), row.getString(3), row.getInt(4),
                        row.getString(5), row.getTimestamp(6).toInstant(), watchers));
            }
        }
    }

    /**
     * A page.
     *
     * @param id         its id
     * @param space      its space's name
     * @param title      its title
     * @param body       its text
     * @param version    its version, from 1
     * @param lastEditor who edited it last
     * @param lastEdited when
     * @param watchers   who watches it, by name
     */
    public record Page(long id, String space, String title, String body, int version, String lastEditor,
                       Instant lastEdited, List<String> watchers) {
        /** Copies the watchers. */
        public Page {
            watchers = List.copyOf(watchers);
        }
    }
}
