package io.hpo4j.studies.storage;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A data source that counts what a storage asks of the database: transactions committed,
 * statements executed (a batch counts once) and how often each SQL text was executed. Wraps the
 * connections of another data source; thread-safe.
 */
final class CountingDataSource extends WrappingDataSource {

    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch");

    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong statements = new AtomicLong();
    private final Map<String, AtomicLong> bySql = new ConcurrentHashMap<>();

    CountingDataSource(DataSource target) {
        super(target);
    }

    /** What was counted since the last reset. */
    record Counts(long commits, long statements, Map<String, Long> bySql) {

        Counts minus(Counts before) {
            Map<String, Long> sql = new TreeMap<>();
            bySql.forEach((k, v) -> {
                long d = v - before.bySql.getOrDefault(k, 0L);
                if (d != 0) {
                    sql.put(k, d);
                }
            });
            return new Counts(commits - before.commits, statements - before.statements, sql);
        }
    }

    Counts counts() {
        Map<String, Long> sql = new TreeMap<>();
        bySql.forEach((k, v) -> sql.put(k, v.get()));
        return new Counts(commits.get(), statements.get(), sql);
    }

    @Override
    Connection wrap(Connection c) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    Object result = invoke(c, method, args);
                    switch (method.getName()) {
                        case "commit" -> commits.incrementAndGet();
                        case "prepareStatement", "prepareCall" -> {
                            return statement((Statement) result, (String) args[0], method.getReturnType());
                        }
                        case "createStatement" -> {
                            return statement((Statement) result, null, method.getReturnType());
                        }
                        default -> { }
                    }
                    return result;
                });
    }

    private Object statement(Statement s, String preparedSql, Class<?> type) {
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (EXECUTIONS.contains(method.getName())) {
                statements.incrementAndGet();
                String sql = preparedSql != null ? preparedSql : args != null && args.length > 0 ? (String) args[0] : "?";
                bySql.computeIfAbsent(sql, k -> new AtomicLong()).incrementAndGet();
            }
            return invoke(s, method, args);
        });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
