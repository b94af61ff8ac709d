package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SearchWindowsTest {

    @Test
    void theLargeWindowsAreTriedWhenFourTimesTheSmallWindowsMatchesMakeAPage() {
        assertThat(SearchWindows.LARGE_WINDOW / SearchWindows.SMALL_WINDOW).isEqualTo(4);
        assertThat(SearchWindows.worthLargeWindows(7, 26)).isTrue();
        assertThat(SearchWindows.worthLargeWindows(6, 24)).isTrue();
        assertThat(SearchWindows.worthLargeWindows(6, 26)).isFalse();
        assertThat(SearchWindows.worthLargeWindows(0, 1)).isFalse();
        assertThat(SearchWindows.worthLargeWindows(1, 4)).isTrue();
    }
}
