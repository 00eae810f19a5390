package dev.reminderstore.db;

import java.sql.Types;
import org.hibernate.community.dialect.SQLiteDialect;
import org.hibernate.engine.jdbc.dialect.spi.DialectResolutionInfo;

/**
 * Hibernate's SQLite dialect, with schema validation that understands SQLite's type affinity.
 *
 * <p>SQLite keeps a 64-bit integer in any INTEGER column, and an auto-numbered key must be declared exactly
 * {@code INTEGER PRIMARY KEY}; the stock validator then reports "found [integer], but expecting [bigint]".
 * Types of one storage class are the same thing to SQLite, so they are the same thing to the validator too.
 */
public class StoreSqliteDialect extends SQLiteDialect {

    public StoreSqliteDialect() {
        super();
    }

    public StoreSqliteDialect(DialectResolutionInfo info) {
        super(info);
    }

    @Override
    public boolean equivalentTypes(int typeCode1, int typeCode2) {
        return super.equivalentTypes(typeCode1, typeCode2)
                || storageClass(typeCode1) != StorageClass.OTHER && storageClass(typeCode1) == storageClass(typeCode2);
    }

    private enum StorageClass { INTEGER, REAL, TEXT, OTHER }

    private static StorageClass storageClass(int typeCode) {
        return switch (typeCode) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.BOOLEAN, Types.BIT -> StorageClass.INTEGER;
            case Types.FLOAT, Types.REAL, Types.DOUBLE -> StorageClass.REAL;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR, Types.NCHAR -> StorageClass.TEXT;
            default -> StorageClass.OTHER;
        };
    }
}
