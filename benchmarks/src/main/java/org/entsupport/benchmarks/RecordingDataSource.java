package org.entsupport.benchmarks;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A data source that remembers the prepared statements run through it, with their bound values,
 * so that the harness can {@code EXPLAIN} exactly what the store ran.
 */
final class RecordingDataSource {

    /**
     * A statement as run: its SQL, the setter calls that bound its parameters, and the columns it asked back as
     * generated keys ({@code prepareStatement(sql, columnNames)}; the PostgreSQL driver sends them as a
     * {@code RETURNING} clause).
     */
    record Recorded(String sql, List<Binding> bindings, List<String> generatedKeys) {
        /** Binds the same values to {@code target}. */
        void bind(PreparedStatement target) throws Exception {
            for (Binding b : bindings) {
                b.method().invoke(target, b.args());
            }
        }
    }

    /** One setter call, such as {@code setString(3, "x")}. */
    record Binding(Method method, Object[] args) {}

    private final List<Recorded> recorded = new ArrayList<>();
    private volatile boolean recording;

    /** Wraps {@code target}. */
    DataSource wrap(DataSource target) {
        return (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (method.getName().equals("getConnection")) {
                        return connection((Connection) result);
                    }
                    return result;
                });
    }

    /** Starts recording, forgetting what was recorded before. */
    synchronized void start() {
        recorded.clear();
        recording = true;
    }

    /** Stops recording and returns what was run. */
    synchronized List<Recorded> stop() {
        recording = false;
        return List.copyOf(recorded);
    }

    private Connection connection(Connection target) {
        return (Connection) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (method.getName().equals("prepareStatement") && recording) {
                        List<String> keys =
                                args.length == 2 && args[1] instanceof String[] names ? List.of(names) : List.of();
                        return statement((PreparedStatement) result, (String) args[0], keys);
                    }
                    return result;
                });
    }

    private PreparedStatement statement(PreparedStatement target, String sql, List<String> keys) {
        List<Binding> bindings = new ArrayList<>();
        InvocationHandler h = (proxy, method, args) -> {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                bindings.add(new Binding(method, args.clone()));
            }
            if (name.startsWith("execute")) {
                synchronized (this) {
                    if (recording) {
                        recorded.add(new Recorded(sql, List.copyOf(bindings), keys));
                    }
                }
            }
            return invoke(target, method, args);
        };
        return (PreparedStatement)
                Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class}, h);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
