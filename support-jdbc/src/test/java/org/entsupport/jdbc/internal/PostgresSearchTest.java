package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PostgresSearchTest {

    @Test
    void theLargeWindowsAreTriedWhenFourTimesTheSmallWindowsMatchesMakeAPage() {
        assertThat(PostgresSearch.LARGE_WINDOW / PostgresSearch.SMALL_WINDOW).isEqualTo(4);
        assertThat(PostgresSearch.worthLargeWindows(7, 26)).isTrue();
        assertThat(PostgresSearch.worthLargeWindows(6, 24)).isTrue();
        assertThat(PostgresSearch.worthLargeWindows(6, 26)).isFalse();
        assertThat(PostgresSearch.worthLargeWindows(0, 1)).isFalse();
        assertThat(PostgresSearch.worthLargeWindows(1, 4)).isTrue();
    }
}
