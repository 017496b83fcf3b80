package io.natsjms.jms;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.XAConnection;
import org.h2.jdbcx.JdbcDataSource;

/**
 * An H2 file database with one table, {@code orders(id)}, reached through H2's XADataSource: what the XA
 * tests write next to their JMS work, in the same transaction.
 */
final class H2Orders {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    /** The database in {@code dir} (created on first use). */
    H2Orders(Path dir) {
        this(dir.resolve("orders").toAbsolutePath().toString());
    }

    /** The database at {@code path} (H2's file name without its extension). */
    H2Orders(String path) {
        dataSource.setURL("jdbc:h2:file:" + path + ";WRITE_DELAY=0");
        dataSource.setUser("sa");
        dataSource.setPassword("");
    }

    /** The H2 file name (without extension), for a child JVM to open the same database. */
    String path() {
        String url = dataSource.getURL();
        return url.substring("jdbc:h2:file:".length(), url.indexOf(';'));
    }

    /** Creates the table if needed. */
    H2Orders create() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(100) NOT NULL)");
        }
        return this;
    }

    /** A new XA connection: its XAResource to enlist, its connection to work with. */
    XAConnection xaConnection() throws SQLException {
        return dataSource.getXAConnection();
    }

    /** Inserts order {@code id} over {@code connection} (in whatever transaction it is in). */
    static void insert(Connection connection, String id) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
            insert.setString(1, id);
            insert.executeUpdate();
        }
    }

    /** The committed order ids, in insertion order. */
    List<String> ids() throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM orders ORDER BY _ROWID_")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    /** The branches the database holds prepared and undecided. */
    List<String> inDoubt() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT TRANSACTION_NAME FROM INFORMATION_SCHEMA.IN_DOUBT")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
