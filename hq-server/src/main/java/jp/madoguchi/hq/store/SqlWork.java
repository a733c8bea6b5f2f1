package jp.madoguchi.hq.store;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection, inside {@link Database#write} or {@link Database#read}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
