package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.entsupport.core.model.SortDirection;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketSort;
import org.entsupport.core.model.TicketStatus;
import org.entsupport.core.spi.Keyset;
import org.entsupport.core.spi.PageRequest;
import org.junit.jupiter.api.Test;

/** The reference order every store agrees with, and the keyset position a next page starts after. */
class PageRequestTest {

    private final Fixture f = new Fixture();

    @Test
    void subjectsCompareByCodePointAsBinaryUtf8Does() {
        assertThat(PageRequest.compareCodePoints("a", "b")).isNegative();
        assertThat(PageRequest.compareCodePoints("b", "a")).isPositive();
        assertThat(PageRequest.compareCodePoints("abc", "abc")).isZero();
        assertThat(PageRequest.compareCodePoints("ab", "abc")).isNegative();
        assertThat(PageRequest.compareCodePoints("abc", "ab")).isPositive();
        assertThat(PageRequest.compareCodePoints("", "")).isZero();
        // U+FFFF sorts before U+1F600, although its UTF-16 unit is greater than the surrogate's.
        assertThat("\uFFFF".compareTo("\uD83D\uDE00")).isPositive();
        assertThat(PageRequest.compareCodePoints("\uFFFF", "\uD83D\uDE00")).isNegative();
        assertThat(PageRequest.compareCodePoints("a\uD83D\uDE00b", "a\uD83D\uDE00c"))
                .isNegative();
        assertThat(PageRequest.compareCodePoints("a\uD83D\uDE00", "a\uD83D\uDE00x"))
                .isNegative();
        assertThat(PageRequest.compareCodePoints("a\uD83D\uDE00x", "a\uD83D\uDE00"))
                .isPositive();
    }

    @Test
    void aLimitBelowOneOrAKeysetOfAnotherSortIsRefused() {
        assertThat(new PageRequest(TicketSort.ID, SortDirection.ASC, null, 1).limit())
                .isEqualTo(1);
        assertThatThrownBy(() -> new PageRequest(TicketSort.ID, SortDirection.ASC, null, 0))
                .hasMessage("limit must be at least 1, but was 0");
        assertThatThrownBy(() ->
                        new PageRequest(TicketSort.SUBJECT, SortDirection.ASC, new Keyset(TicketSort.ID, 3L, 3), 10))
                .hasMessage("keyset of ID used with sort SUBJECT");
    }

    @Test
    void theComparatorAndTheKeysetPositionAgreeForEverySortAndDirection() {
        Ticket a = f.file("s1", "Beta");
        f.clock.advance(Duration.ofMinutes(1));
        Ticket b = f.file("s1", "alpha");
        f.clock.advance(Duration.ofMinutes(1));
        Ticket c = f.file("s1", "Beta");
        f.clock.advance(Duration.ofMinutes(1));
        c = f.support.changeStatus(f.platformAdmin, c.id(), TicketStatus.OPENED, c.version());
        List<Ticket> all = List.of(a, b, c);

        for (TicketSort sort : TicketSort.values()) {
            for (SortDirection direction : SortDirection.values()) {
                PageRequest first = new PageRequest(sort, direction, null, 10);
                List<Ticket> ordered = all.stream().sorted(first.comparator()).toList();
                assertThat(all).allMatch(first::isAfterPosition, "a first page starts before everything");
                for (int i = 0; i < ordered.size(); i++) {
                    Ticket at = ordered.get(i);
                    PageRequest next = new PageRequest(sort, direction, Keyset.of(sort, at), 10);
                    List<Ticket> after = all.stream()
                            .filter(next::isAfterPosition)
                            .sorted(first.comparator())
                            .toList();
                    assertThat(after)
                            .as("%s %s after %s", sort, direction, at.id())
                            .containsExactlyElementsOf(ordered.subList(i + 1, ordered.size()));
                }
            }
        }
    }

    @Test
    void theReferenceOrderOfEachSort() {
        Ticket a = f.file("s1", "Beta");
        f.clock.advance(Duration.ofMinutes(1));
        Ticket b = f.file("s1", "alpha");
        f.clock.advance(Duration.ofMinutes(1));
        Ticket c = f.file("s1", "Beta");
        f.clock.advance(Duration.ofMinutes(1));
        a = f.support.changeStatus(f.platformAdmin, a.id(), TicketStatus.OPENED, a.version());
        List<Ticket> all = List.of(a, b, c);

        assertThat(sorted(all, TicketSort.ID, SortDirection.ASC)).containsExactly(a.id(), b.id(), c.id());
        assertThat(sorted(all, TicketSort.CREATED, SortDirection.DESC)).containsExactly(c.id(), b.id(), a.id());
        assertThat(sorted(all, TicketSort.MODIFIED, SortDirection.DESC)).containsExactly(a.id(), c.id(), b.id());
        // Upper-case letters come before lower-case ones by code point; equal subjects go by id.
        assertThat(sorted(all, TicketSort.SUBJECT, SortDirection.ASC)).containsExactly(a.id(), c.id(), b.id());
        assertThat(sorted(all, TicketSort.SUBJECT, SortDirection.DESC)).containsExactly(b.id(), c.id(), a.id());
        assertThat(sorted(all, TicketSort.STATUS, SortDirection.ASC)).containsExactly(b.id(), c.id(), a.id());
    }

    private static List<Long> sorted(List<Ticket> tickets, TicketSort sort, SortDirection direction) {
        return tickets.stream()
                .sorted(new PageRequest(sort, direction, null, 10).comparator())
                .map(Ticket::id)
                .toList();
    }
}
