package io.mailseal.sandbox.host;

import com.atlassian.bandana.BandanaContext;
import com.atlassian.bandana.BandanaManager;
import com.atlassian.confluence.setup.bandana.KeyedBandanaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Bandana in the sandbox's H2 database: one row per (context key, key). Like Confluence's, it keeps values across
 * restarts and reads fall back to parent contexts. Confluence serialises values with XStream and an allow-list; here
 * a {@code String} is stored as text and any other value must be a {@link Serializable} object of JDK classes
 * ({@code java.*}), stored with Java serialisation and read back through a filter that admits nothing else. Contexts
 * must be {@link KeyedBandanaContext}s (Confluence's {@code ConfluenceBandanaContext} is).
 *
 * <p>Thread-safe: every call is one statement or transaction on the database's connection.
 */
public final class H2BandanaManager implements BandanaManager {

    private static final ObjectInputFilter JDK_ONLY = ObjectInputFilter.Config.createFilter(
            "maxdepth=20;maxrefs=100000;maxbytes=16777216;java.**;!*");

    private final Database database;

    /**
     * Creates the table if needed.
     *
     * @param database the sandbox database
     * @throws SQLException if the table cannot be created
     */
    public H2BandanaManager(Database database) throws SQLException {
        this.database = Objects.requireNonNull(database, "database");
        database.transaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS BANDANA (CONTEXT_KEY VARCHAR(255) NOT NULL,"
                        + " BANDANA_KEY VARCHAR(255) NOT NULL, KIND CHAR(1) NOT NULL, TEXT_VALUE CLOB,"
                        + " OBJECT_VALUE BLOB, PRIMARY KEY (CONTEXT_KEY, BANDANA_KEY))");
            }
            return null;
        });
    }

    @Override
    public void init() {
        // the table is created by the constructor
    }

    /** Stores a value; a null value removes the key. */
    @Override
    public void setValue(BandanaContext context, String key, Object value) {
        String contextKey = contextKey(context);
        Objects.requireNonNull(key, "key");
        if (value == null) {
            removeValue(context, key);
            return;
        }
        boolean text = value instanceof String;
        byte[] serialized = text ? null : serialize(value);
        update(connection -> {
            try (PreparedStatement merge = connection.prepareStatement("MERGE INTO BANDANA (CONTEXT_KEY, BANDANA_KEY,"
                    + " KIND, TEXT_VALUE, OBJECT_VALUE) KEY (CONTEXT_KEY, BANDANA_KEY) VALUES (?, ?, ?, ?, ?)")) {
                merge.setString(1, contextKey);
                merge.setString(2, key);
                merge.setString(3, text ? "S" : "J");
                merge.setString(4, text ? (String) value : null);
                merge.setBytes(5, serialized);
                merge.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Object getValue(BandanaContext context, String key) {
        return getValue(context, key, true);
    }

    @Override
    public Object getValue(BandanaContext context, String key, boolean lookUp) {
        Objects.requireNonNull(context, "context");
        for (BandanaContext c = context; c != null; c = lookUp && c.hasParentContext() ? c.getParentContext() : null) {
            Object value = read(contextKey(c), key);
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    /** The keys of one context, sorted. */
    @Override
    public Iterable<String> getKeys(BandanaContext context) {
        String contextKey = contextKey(context);
        return update(connection -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT BANDANA_KEY FROM BANDANA WHERE CONTEXT_KEY = ? ORDER BY BANDANA_KEY")) {
                select.setString(1, contextKey);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        keys.add(rows.getString(1));
                    }
                }
            }
            return List.copyOf(keys);
        });
    }

    @Override
    public void removeValue(BandanaContext context, String key) {
        String contextKey = contextKey(context);
        update(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM BANDANA WHERE CONTEXT_KEY = ? AND BANDANA_KEY = ?")) {
                delete.setString(1, contextKey);
                delete.setString(2, key);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private Object read(String contextKey, String key) {
        return update(connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT KIND, TEXT_VALUE, OBJECT_VALUE"
                    + " FROM BANDANA WHERE CONTEXT_KEY = ? AND BANDANA_KEY = ?")) {
                select.setString(1, contextKey);
                select.setString(2, key);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return null;
                    }
                    return "S".equals(row.getString(1)) ? row.getString(2) : deserialize(row.getBytes(3));
                }
            }
        });
    }

    private <T> T update(Database.SqlWork<T> work) {
        try {
            return database.transaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("Bandana database failure: " + e.getMessage(), e);
        }
    }

    private static String contextKey(BandanaContext context) {
        Objects.requireNonNull(context, "context");
        if (context instanceof KeyedBandanaContext keyed) {
            return keyed.getContextKey();
        }
        throw new IllegalArgumentException("the sandbox's Bandana stores keyed contexts only, not "
                + context.getClass().getName());
    }

    private static byte[] serialize(Object value) {
        if (!(value instanceof Serializable) || !value.getClass().getName().startsWith("java.")) {
            throw new IllegalArgumentException("the sandbox's Bandana stores Strings and serialisable JDK objects,"
                    + " not " + value.getClass().getName() + " (store plugin data as a JSON string)");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise a " + value.getClass().getName(), e);
        }
        return bytes.toByteArray();
    }

    private static Object deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(JDK_ONLY);
            return in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a stored Bandana value cannot be read: " + e.getMessage(), e);
        }
    }
}
