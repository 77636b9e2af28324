package se.ixbi.processes.audit;

import java.sql.Connection;
import java.sql.SQLException;

import org.h2.api.Trigger;

/** H2's twin of the PostgreSQL trigger in {@code db/migration/postgresql}: rejects any update or delete. */
public class AppendOnlyTrigger implements Trigger {

    private String table;

    @Override
    public void init(Connection conn, String schemaName, String triggerName, String tableName, boolean before, int type) {
        this.table = tableName;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("APPEND_ONLY: " + table + " is append-only; rows cannot be changed or deleted");
    }
}
