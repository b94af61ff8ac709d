package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ErrorsTest {

    @Test
    void recognisesAUniqueViolationOfEachDatabaseAnywhereInTheCauses() {
        assertThat(Errors.isUniqueViolation(new SQLException("dup", "23505"))).isTrue();
        assertThat(Errors.isUniqueViolation(new SQLException("Duplicate entry", "23000", 1062)))
                .isTrue();
        assertThat(Errors.isUniqueViolation(new IllegalStateException("wrapped", new SQLException("dup", "23505"))))
                .isTrue();
    }

    @Test
    void otherIntegrityFailuresAreNoUniqueViolation() {
        assertThat(Errors.isUniqueViolation(new SQLException("foreign key", "23000", 1452)))
                .isFalse();
        assertThat(Errors.isUniqueViolation(new SQLException("not null", "23502")))
                .isFalse();
        assertThat(Errors.isUniqueViolation(new SQLException("other", "42000", 1062)))
                .isFalse();
        assertThat(Errors.isUniqueViolation(new IllegalStateException("no SQL")))
                .isFalse();
    }

    @Test
    void describesTheInnermostSqlFailure() {
        SQLException inner = new SQLException("duplicate key", "23505");
        SQLException outer = new SQLException("batch failed", "HY000", inner);
        assertThat(Errors.describe(new IllegalStateException("jOOQ", outer)))
                .isEqualTo("duplicate key [SQLState 23505]");
        assertThat(Errors.describe(new IllegalStateException("no SQL"))).isEqualTo("no SQL");
    }

    @Test
    void aLostConnectionIsUnavailableAndARefusedStatementIsNot() {
        assertThat(Errors.isUnavailable(new IllegalStateException(new SQLException("gone", "08006"))))
                .isTrue();
        assertThat(Errors.isUnavailable(new SQLException("terminating", "57P01")))
                .isTrue();
        assertThat(Errors.isUnavailable(new SQLException("closed", "90098"))).isTrue();
        assertThat(Errors.isUnavailable(new SQLException("syntax", "42601"))).isFalse();
        assertThat(Errors.isUnavailable(new SQLException("no state"))).isFalse();
    }
}
