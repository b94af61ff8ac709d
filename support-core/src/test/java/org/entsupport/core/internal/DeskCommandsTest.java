package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.memory.InMemorySupportDesk;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

/**
 * Desk commands wait in the outbox across an upgrade: the payloads below are exactly what the first,
 * hand-written JSON writer stored (generated with it before it was replaced by Jackson).
 */
class DeskCommandsTest {

    static final String LEGACY_ESCALATE =
            "{\"ticketId\":42,\"escalatedBy\":\"u-admin\",\"escalatedByName\":\"Adam \u00ab Admin \u00bb \\\"A\\\"\",\"lastCommentId\":17}";
    static final String LEGACY_FORWARD = "{\"ticketId\":42,\"commentId\":18}";

    @Test
    void payloadsOfTheHandWrittenWriterStillRead() {
        assertThat(DeskCommands.escalate(LEGACY_ESCALATE))
                .isEqualTo(new DeskCommands.Escalate(42, "u-admin", "Adam « Admin » \"A\"", 17));
        assertThat(DeskCommands.forward(LEGACY_FORWARD)).isEqualTo(new DeskCommands.Forward(42, 18));
    }

    @Test
    void theStoredFormatIsUnchanged() {
        assertThat(DeskCommands.encode(new DeskCommands.Escalate(42, "u-admin", "Adam « Admin » \"A\"", 17)))
                .isEqualTo(LEGACY_ESCALATE);
        assertThat(DeskCommands.encode(new DeskCommands.Forward(42, 18))).isEqualTo(LEGACY_FORWARD);
    }

    @Test
    void aCommandMissingAFieldIsRefusedNamingIt() {
        assertThatThrownBy(() -> DeskCommands.forward("{\"ticketId\":42}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("commentId");
        assertThatThrownBy(
                        () -> DeskCommands.escalate("{\"ticketId\":42,\"lastCommentId\":1,\"escalatedByName\":\"A\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("desk command lacks the text field escalatedBy");
        assertThatThrownBy(() -> DeskCommands.forward("{\"ticketId\":\"x\",\"commentId\":1}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid Forward: ");
    }

    @Test
    void everyTextFieldOfACommandIsRequired() {
        assertThatThrownBy(() -> DeskCommands.escalate("{\"ticketId\":42,\"lastCommentId\":1,\"escalatedBy\":\"u\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("desk command lacks the text field escalatedByName");
        String full = "{\"ticketId\":42,\"changeId\":7,\"from\":\"OPENED\",\"to\":\"RESOLVED\","
                + "\"actorName\":\"Adam\",\"byRequester\":false,\"at\":\"2026-09-01T07:30:00Z\"}";
        for (String field : new String[] {"from", "to", "actorName", "at"}) {
            String without = full.replaceFirst(",?\"" + field + "\":\"[^\"]*\"", "");
            assertThatThrownBy(() -> DeskCommands.forwardStatus(without))
                    .as(field)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("desk command lacks the text field " + field);
        }
    }

    @Test
    void aStatusCommandReadsBackAsTheChangeItCarries() {
        DeskCommands.ForwardStatus command =
                new DeskCommands.ForwardStatus(42, 7, "WAITING", "RESOLVED", "Olivia", true, "2026-09-01T07:30:00Z");
        DeskCommands.ForwardStatus read = DeskCommands.forwardStatus(DeskCommands.encode(command));
        assertThat(read).isEqualTo(command);
        assertThat(read.change())
                .isEqualTo(new StatusChange(
                        7,
                        TicketStatus.WAITING,
                        TicketStatus.RESOLVED,
                        "Olivia",
                        true,
                        Instant.parse("2026-09-01T07:30:00Z")));
    }

    @Test
    void idempotencyKeysNameTheInstallationWhenTheDeskHasOne() {
        InMemorySupportDesk shared = new InMemorySupportDesk();
        assertThat(DeskCommands.commentKey(shared, 18)).isEqualTo("comment-18");
        assertThat(DeskCommands.statusKey(shared, 7)).isEqualTo("status-7");

        InMemorySupportDesk bound = shared.forInstallation(InstallationId.of("entnord"));
        assertThat(DeskCommands.commentKey(bound, 18)).isEqualTo("entnord-comment-18");
        assertThat(DeskCommands.statusKey(bound, 7)).isEqualTo("entnord-status-7");
        assertThat(DeskCommands.channel("redmine")).isEqualTo("desk:redmine");
    }
}
