package jp.madoguchi.kiosk.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with the store's connection, inside {@link BoothStore#write} or {@link BoothStore#read}. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
