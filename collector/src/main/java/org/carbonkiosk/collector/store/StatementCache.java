package org.carbonkiosk.collector.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A connection whose {@code prepareStatement(sql)} reuses one prepared statement per SQL text
 * (the store's SQL is a fixed set): closing it only clears its parameters and batch. SQLite's
 * driver parses each statement anew otherwise, which dominates a decision's cost. A pooled
 * connection is used by one thread at a time, so the cache needs no locking.
 */
final class StatementCache implements InvocationHandler {
    private final Connection target;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    private StatementCache(Connection target) {
        this.target = target;
    }

    static Connection wrap(Connection target) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new StatementCache(target));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("prepareStatement") && args != null && args.length == 1
                && args[0] instanceof String sql) {
            PreparedStatement cached = statements.get(sql);
            if (cached == null || cached.isClosed()) {
                cached = target.prepareStatement(sql);
                statements.put(sql, cached);
            }
            return reusable(cached);
        }
        if (method.getName().equals("close")) {
            for (PreparedStatement ps : statements.values()) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            statements.clear();
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static PreparedStatement reusable(PreparedStatement ps) {
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        ps.clearParameters();
                        ps.clearBatch();
                        ps.setMaxRows(0);
                        return null;
                    }
                    if (method.getName().equals("isClosed")) {
                        return false;
                    }
                    try {
                        return method.invoke(ps, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
