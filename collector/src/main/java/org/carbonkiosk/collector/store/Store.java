package org.carbonkiosk.collector.store;

/** The database with its tables' accessors, opened and migrated. */
public final class Store implements AutoCloseable {
    private final Database db;
    private final DeviceStore devices;
    private final CardStore cards = new CardStore();
    private final EventStore events = new EventStore();
    private final AccountMonthStore months = new AccountMonthStore();
    private final LedgerOutboxStore outbox = new LedgerOutboxStore();
    private final RejectionStore rejections = new RejectionStore();
    private final IntegrityStore integrity = new IntegrityStore();

    private Store(Database db) {
        this.db = db;
        this.devices = new DeviceStore(db.dialect());
    }

    /** Opens the database at {@code jdbcUrl} and applies pending migrations. */
    public static Store open(String jdbcUrl, int poolSize) {
        Database db = new Database(jdbcUrl, poolSize);
        try {
            Migrations.migrate(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return new Store(db);
    }

    public Database db() {
        return db;
    }

    public DeviceStore devices() {
        return devices;
    }

    public CardStore cards() {
        return cards;
    }

    public EventStore events() {
        return events;
    }

    public AccountMonthStore months() {
        return months;
    }

    public LedgerOutboxStore outbox() {
        return outbox;
    }

    public RejectionStore rejections() {
        return rejections;
    }

    public IntegrityStore integrity() {
        return integrity;
    }

    @Override
    public void close() {
        db.close();
    }
}
