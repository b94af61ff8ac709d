package org.entsupport.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.entsupport.core.NewComment;
import org.entsupport.core.Samples;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Ticket;
import org.entsupport.core.model.TicketStatus;
import org.junit.jupiter.api.Test;

/**
 * Every change that takes an idempotency key refuses a malformed one, naming the field, before anything is
 * written: the ticket's version, its events and the outbox stay as they were.
 */
class IdempotencyKeyValidationTest {

    private static final String BAD_KEY = "clé avec espaces";

    private final TestContext c = new TestContext();

    private void refusedWithNothingWritten(Ticket t, ThrowingCallable call) {
        int events = c.events(t.id()).size();
        int outbox = c.outbox().size();
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::code)
                                .containsExactly(org.assertj.core.groups.Tuple.tuple("idempotencyKey", "invalid")));
        assertThat(c.stored(t.id()).version()).isEqualTo(t.version());
        assertThat(c.events(t.id())).hasSize(events);
        assertThat(c.outbox()).hasSize(outbox);
    }

    @Test
    void aComment() {
        Ticket t = c.file("commentaire");
        refusedWithNothingWritten(
                t,
                () -> new Conversation(c.ctx)
                        .comment(c.admin, t.id(), NewComment.of("Bonjour").withIdempotencyKey(BAD_KEY)));
    }

    @Test
    void aStatusChange() {
        Ticket t = c.file("statut");
        refusedWithNothingWritten(
                t,
                () -> new StatusChanges(c.ctx)
                        .changeStatus(c.admin, t.id(), TicketStatus.OPENED, t.version(), BAD_KEY));
    }

    @Test
    void anAttachment() {
        Ticket t = c.file("pièce jointe");
        refusedWithNothingWritten(
                t,
                () -> new Attachments(c.ctx)
                        .attach(c.owner, t.id(), List.of(NewFile.of("capture.pdf", Samples.pdf())), BAD_KEY));
        assertThat(c.files.keys()).isEmpty();
    }

    @Test
    void anEscalation() {
        Ticket t = c.file("escalade");
        refusedWithNothingWritten(t, () -> new Escalations(c.ctx).escalate(c.admin, t.id(), "k".repeat(256)));
    }
}
