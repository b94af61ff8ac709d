package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
