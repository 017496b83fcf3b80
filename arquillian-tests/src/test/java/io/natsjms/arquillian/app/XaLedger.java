package io.natsjms.arquillian.app;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The rows of the XA tests in the server's database (the resource reference {@value #DATA_SOURCE}, which
 * each server's deployment maps to its data source): written inside the caller's transaction, read
 * outside any. The table is created when the application starts and emptied when it already exists.
 */
@Singleton
@Startup
@Lock(LockType.READ)
public class XaLedger {

    public static final String DATA_SOURCE = "jdbc/natsjms-xa";
    private static final String TABLE = "natsjms_xa_rows";

    @Resource(name = DATA_SOURCE)
    private DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void createTable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            try {
                statement.executeUpdate("CREATE TABLE " + TABLE
                        + " (id VARCHAR(200) NOT NULL PRIMARY KEY, source VARCHAR(20) NOT NULL)");
            } catch (SQLException exists) {
                statement.executeUpdate("DELETE FROM " + TABLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("XaLedger: cannot prepare table " + TABLE, e);
        }
    }

    /** Inserts the row {@code id} written by {@code source}, in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void insert(String id, String source) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + TABLE + " (id, source) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, source);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("XaLedger: cannot insert " + id, e);
        }
    }

    /** The ids of the committed rows written by {@code source}, sorted. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<String> rows(String source) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT id FROM " + TABLE
                        + " WHERE source = ? ORDER BY id")) {
            select.setString(1, source);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException("XaLedger: cannot read the rows of " + source, e);
        }
    }
}
