package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TicketQueriesTest {

    @Test
    void escapesLikeWildcardsAndTheEscapeCharacter() {
        assertThat(TicketQueries.escapeLike("100%_a!b\\")).isEqualTo("100!%!_a!!b\\");
        assertThat(TicketQueries.escapeLike("plain")).isEqualTo("plain");
    }

    @Test
    void readsTicketNumbersAsTheirDecimalSpelling() {
        assertThat(TicketQueries.ticketNumber("4711")).isEqualTo(4711L);
        assertThat(TicketQueries.ticketNumber("0471")).isNull();
        assertThat(TicketQueries.ticketNumber("-5")).isNull();
        assertThat(TicketQueries.ticketNumber("12a")).isNull();
        assertThat(TicketQueries.ticketNumber("1234567890123456789")).isNull();
        assertThat(TicketQueries.ticketNumber("")).isNull();
    }
}
