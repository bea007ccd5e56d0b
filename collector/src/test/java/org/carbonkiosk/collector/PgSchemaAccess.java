package org.carbonkiosk.collector;

/** {@link PgSchema} for tests in other packages. */
public final class PgSchemaAccess {
    private PgSchemaAccess() {
    }

    public static String fresh() {
        return PgSchema.fresh();
    }
}
