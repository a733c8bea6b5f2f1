package jp.madoguchi.kiosk.session;

import java.nio.file.Path;
import jp.madoguchi.kiosk.store.BoothKey;
import jp.madoguchi.kiosk.store.BoothStore;

/** A real booth store (SQLite file, real migrations) in a test's temporary folder. */
final class StoreFixture implements AutoCloseable {
    final BoothKey key;
    final BoothStore store;

    StoreFixture(Path dir) {
        key = BoothKey.loadOrCreate(dir.resolve("booth.key"));
        store = BoothStore.open(dir.resolve("booth.db"), key);
    }

    @Override
    public void close() {
        store.close();
        key.close();
    }
}
