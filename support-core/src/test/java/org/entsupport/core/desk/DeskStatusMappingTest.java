package org.entsupport.core.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

class DeskStatusMappingTest {

    private final DeskStatusMapping mapping =
            DeskStatusMapping.of(Map.of("open", TicketStatus.OPENED, "Solved", TicketStatus.RESOLVED));

    @Test
    void mapsIgnoringCaseAndBlanks() {
        assertThat(mapping.map(" OPEN ")).contains(TicketStatus.OPENED);
        assertThat(mapping.map("solved")).contains(TicketStatus.RESOLVED);
    }

    @Test
    void unmappedStatusMapsToNothing() {
        assertThat(mapping.map("hold")).isEmpty();
        assertThat(DeskStatusMapping.none().map("open")).isEmpty();
    }

    @Test
    void withAndWithoutReturnAdjustedCopies() {
        DeskStatusMapping adjusted = mapping.with("hold", TicketStatus.WAITING).without("open");

        assertThat(adjusted.map("hold")).contains(TicketStatus.WAITING);
        assertThat(adjusted.map("open")).isEmpty();
        assertThat(mapping.map("open")).as("original unchanged").contains(TicketStatus.OPENED);
    }

    @Test
    void refusesNewBlankAndDuplicateKeys() {
        assertThatThrownBy(() -> DeskStatusMapping.of(Map.of("new", TicketStatus.NEW)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("desk status 'new' must map to OPENED, WAITING, RESOLVED or CLOSED, but was NEW");
        assertThatThrownBy(() -> DeskStatusMapping.of(Map.of(" ", TicketStatus.OPENED)))
                .hasMessage("desk status must not be blank, but was ' '");
        assertThatThrownBy(() -> DeskStatusMapping.of(Map.of("Open", TicketStatus.OPENED, "open", TicketStatus.CLOSED)))
                .hasMessageMatching("desk status '(Open|open)' is mapped twice");
    }

    @Test
    void deskExceptionFactoriesCarryRetryabilityAndDelay() {
        DeskException busy = DeskException.retryable("zendesk is busy", Duration.ofSeconds(30), 429);
        DeskException refused = DeskException.permanent("redmine refused: 422", 422);

        assertThat(busy.retryable()).isTrue();
        assertThat(busy.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(busy.httpStatus()).isEqualTo(429);
        assertThat(refused.retryable()).isFalse();
        assertThat(refused.retryAfter()).isEmpty();
        assertThat(refused).hasMessage("redmine refused: 422");
    }

    @Test
    void escalationRequestListsEveryAttachment() {
        OutgoingAttachment a = OutgoingAttachment.of("a.png", "image/png", 1, () -> null);
        OutgoingAttachment b = OutgoingAttachment.of("b.txt", "text/plain", 1, () -> null);
        EscalationRequest request = EscalationRequest.builder(1)
                .subject("s")
                .attachment(a)
                .comment(new ForwardedComment(2, "x", "y", java.time.Instant.EPOCH, java.util.List.of(b)))
                .build();

        assertThat(request.allAttachments()).containsExactly(a, b);
        assertThatThrownBy(() -> OutgoingAttachment.of("c", "text/plain", -1, () -> null))
                .hasMessage("size must be zero or more, but was -1");
        assertThatThrownBy(() -> EscalationRequest.builder(1).build()).hasMessage("subject must not be blank");
    }
}
