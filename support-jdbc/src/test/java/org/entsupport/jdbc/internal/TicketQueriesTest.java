package org.entsupport.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
        assertThat(TicketQueries.ticketNumber("123456789012345678")).isEqualTo(123456789012345678L);
        assertThat(TicketQueries.ticketNumber("9")).isEqualTo(9L);
        assertThat(TicketQueries.ticketNumber("90")).isEqualTo(90L);
        assertThat(TicketQueries.ticketNumber("1/")).isNull();
        assertThat(TicketQueries.ticketNumber("1:")).isNull();
    }

    @Test
    void keysLookUpWordsOfThreeCodePointsOrMoreThatAreNoTicketNumber() {
        assertThat(TicketQueries.keyedWords(
                        List.of("ab", "abc", "4711", "0471", "\uD83D\uDE00a", "\uD83D\uDE00ab", "l'imp")))
                .containsExactly("abc", "0471", "\uD83D\uDE00ab", "l'imp");
        assertThat(TicketQueries.keyedWords(List.of("pc", "12"))).isEmpty();
    }
}
