package io.natsjms.examples.orders;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Lock;
import jakarta.ejb.LockType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The recorded orders, a table {@value #TABLE} in the server's default data source
 * ({@link OrderEvents#DATA_SOURCE}). A row is written inside the caller's transaction, so it commits or
 * rolls back with whatever else the transaction did (the event's send, in {@link RecordedOrdersResource}).
 * The table is created when the bean is first used, outside any transaction.
 */
@Singleton
@Lock(LockType.READ)
public class OrderLedger {

    static final String TABLE = "natsjms_recorded_orders";

    @Resource(lookup = OrderEvents.DATA_SOURCE)
    private DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void createTable() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate("CREATE TABLE " + TABLE + " (order_id VARCHAR(36) NOT NULL PRIMARY KEY,"
                    + " customer VARCHAR(200) NOT NULL, amount DECIMAL(19, 2) NOT NULL)");
        } catch (SQLException exists) {
            // created by an earlier deployment: the rows stay
        }
    }

    /** Writes the row of {@code event}, in the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void record(OrderEvent event) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO " + TABLE + " (order_id, customer, amount) VALUES (?, ?, ?)")) {
            insert.setString(1, event.orderId());
            insert.setString(2, event.customer());
            insert.setBigDecimal(3, event.amount());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("order " + event.orderId() + " cannot be recorded: " + e.getMessage(), e);
        }
    }

    /** Every committed order, by order ID. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public List<OrderEvent> all() {
        try (Connection connection = dataSource.getConnection(); Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT order_id, customer, amount FROM " + TABLE
                        + " ORDER BY order_id")) {
            List<OrderEvent> orders = new ArrayList<>();
            while (rows.next()) {
                BigDecimal amount = rows.getBigDecimal(3).stripTrailingZeros();
                orders.add(new OrderEvent(rows.getString(1), rows.getString(2),
                        amount.scale() < 0 ? amount.setScale(0) : amount));
            }
            return orders;
        } catch (SQLException e) {
            throw new IllegalStateException("the recorded orders cannot be read: " + e.getMessage(), e);
        }
    }
}
