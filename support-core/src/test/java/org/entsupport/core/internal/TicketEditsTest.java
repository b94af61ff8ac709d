package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.entsupport.core.model.Escalation;
import org.entsupport.core.model.EscalationStatus;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

class TicketEditsTest {

    private static final Instant T0 = Instant.parse("2026-09-01T07:30:00Z");
    private static final Instant T1 = T0.plusSeconds(60);

    private static final Ticket T = new Ticket(
            7,
            "u-owner",
            "Olivia",
            "s1",
            "/blog",
            "subject",
            "description",
            TicketStatus.NEW,
            EscalationStatus.NOT_DONE,
            T0,
            T0,
            T0,
            3,
            "fr",
            2,
            1,
            null);

    @Test
    void aStatusChangeMovesBothTimesAndNothingElse() {
        Ticket t = TicketEdits.withStatus(T, TicketStatus.OPENED, T1);

        assertThat(t.status()).isEqualTo(TicketStatus.OPENED);
        assertThat(t.modified()).isEqualTo(T1);
        assertThat(t.statusChanged()).isEqualTo(T1);
        assertThat(t.version()).isEqualTo(3);
        assertThat(TicketEdits.withStatus(t, TicketStatus.NEW, T0)).isEqualTo(T);
    }

    @Test
    void fieldsAndActivityKeepTheStatusTime() {
        Ticket t = TicketEdits.withActivity(TicketEdits.withFields(T, "s2", "/mail", "d2", T1), 1, 2, T1);

        assertThat(t.subject()).isEqualTo("s2");
        assertThat(t.category()).isEqualTo("/mail");
        assertThat(t.description()).isEqualTo("d2");
        assertThat(t.commentCount()).isEqualTo(3);
        assertThat(t.attachmentCount()).isEqualTo(3);
        assertThat(t.modified()).isEqualTo(T1);
        assertThat(t.statusChanged()).isEqualTo(T0);
    }

    @Test
    void onlyNextVersionChangesTheVersion() {
        assertThat(TicketEdits.nextVersion(T).version()).isEqualTo(4);
        assertThat(TicketEdits.nextVersion(T).modified()).isEqualTo(T0);
    }

    @Test
    void anEscalationGoesFromRequestedToAcceptedToSynced() {
        Escalation requested = TicketEdits.requested("u-admin", T0, "redmine");
        Escalation accepted = TicketEdits.accepted(requested, "redmine", "4711", "https://desk/4711", "1");
        Escalation synced = TicketEdits.synced(accepted, T1, "3");
        Escalation failed = TicketEdits.failed(requested, "refused");

        assertThat(accepted.externalId()).isEqualTo("4711");
        assertThat(accepted.failure()).isNull();
        assertThat(synced.lastSync()).isEqualTo(T1);
        assertThat(synced.deskStatus()).isEqualTo("3");
        assertThat(synced.externalUrl()).isEqualTo("https://desk/4711");
        assertThat(failed.failure()).isEqualTo("refused");
        assertThat(TicketEdits.withEscalation(T, EscalationStatus.SUCCESSFUL, synced, T1)
                        .escalation())
                .isEqualTo(synced);
    }
}
