package org.entsupport.jdbc.internal;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.withSettings;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.mockito.Answers;

/**
 * A connection for the PostgreSQL statements' unit tests: it records every statement prepared with the values bound
 * to it, and answers each query with the rows a function of its SQL gives.
 */
final class FakeJdbc {

    /** A statement as prepared and run: its SQL and its values by position (arrays as lists). */
    record Ran(String sql, List<Object> values) {}

    final List<Ran> ran = new ArrayList<>();
    final Connection connection;

    /** @param answers the rows of each query, by its SQL and values */
    FakeJdbc(Function<Ran, List<Object[]>> answers) {
        this.connection = mock(Connection.class, withSettings().defaultAnswer(inv -> switch (inv.getMethod()
                .getName()) {
            case "prepareStatement" -> statement(inv.getArgument(0), answers);
            case "createArrayOf" -> array(inv.getArgument(1));
            default -> Answers.RETURNS_DEFAULTS.answer(inv);
        }));
    }

    private static Array array(Object[] elements) {
        Object[] copy = elements.clone();
        return mock(
                Array.class,
                withSettings()
                        .defaultAnswer(inv -> inv.getMethod().getName().equals("getArray")
                                ? copy
                                : Answers.RETURNS_DEFAULTS.answer(inv)));
    }

    private PreparedStatement statement(String sql, Function<Ran, List<Object[]>> answers) {
        List<Object> values = new ArrayList<>();
        Ran r = new Ran(sql, values);
        return mock(PreparedStatement.class, withSettings().defaultAnswer(inv -> {
            String name = inv.getMethod().getName();
            if (name.startsWith("set") && inv.getArguments().length == 2) {
                int index = inv.getArgument(0);
                while (values.size() < index) {
                    values.add(null);
                }
                Object value = inv.getArgument(1);
                values.set(index - 1, value instanceof Array a ? List.of((Object[]) a.getArray()) : value);
                return null;
            }
            return switch (name) {
                case "execute" -> {
                    ran.add(r);
                    yield false;
                }
                case "executeQuery" -> {
                    ran.add(r);
                    yield rows(answers.apply(r));
                }
                default -> Answers.RETURNS_DEFAULTS.answer(inv);
            };
        }));
    }

    /** A result set over {@code rows}, columns numbered from 1. */
    static ResultSet rows(List<Object[]> rows) {
        int[] at = {-1};
        return mock(ResultSet.class, withSettings().defaultAnswer(inv -> {
            String name = inv.getMethod().getName();
            if (name.equals("next")) {
                return ++at[0] < rows.size();
            }
            if (!name.startsWith("get") || inv.getArguments().length == 0 || !(inv.getArgument(0) instanceof Integer)) {
                return Answers.RETURNS_DEFAULTS.answer(inv);
            }
            Object v = rows.get(at[0])[(int) inv.getArgument(0) - 1];
            return switch (name) {
                case "getLong" -> v == null ? 0L : ((Number) v).longValue();
                case "getInt" -> v == null ? 0 : ((Number) v).intValue();
                case "getShort" -> v == null ? (short) 0 : ((Number) v).shortValue();
                case "getBoolean" -> v != null && (Boolean) v;
                default -> v;
            };
        }));
    }

    /** The row of ticket {@code id} as the stores' ticket columns read it, modified at {@code modified}. */
    static Object[] ticket(long id, String school, OffsetDateTime modified) {
        Object[] row = new Object[26];
        row[0] = id;
        row[1] = "u-" + id;
        row[2] = "User " + id;
        row[3] = school;
        row[4] = "/blog";
        row[5] = "Subject " + id;
        row[6] = "Description " + id;
        row[7] = (short) 2;
        row[8] = (short) 1;
        row[9] = modified.minusDays(1);
        row[10] = modified;
        row[11] = modified;
        row[12] = 1L;
        row[13] = "fr";
        row[14] = 0;
        row[15] = 0;
        return row;
    }
}
