package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.Test;

/** A ticket accepts a bounded number of comments and attachments; what goes over is refused whole. */
class TicketCapacityTest {

    private final InMemoryAttachmentStore files = new InMemoryAttachmentStore();

    private Fixture fixture(int comments, int attachments) {
        return new Fixture(
                SupportSettings.builder()
                        .reopenWindow(Duration.ofDays(30))
                        .maxCommentsPerTicket(comments)
                        .maxAttachmentsPerTicket(attachments)
                        .build(),
                b -> b.attachmentStore(files));
    }

    @Test
    void theCommentAfterTheLastAcceptedIsRefusedNamingTheField() {
        Fixture f = fixture(2, 10);
        Ticket t = f.file("s1", "Le blog");
        f.support.comment(f.owner, t.id(), NewComment.of("un"));
        f.support.comment(f.localAdmin, t.id(), NewComment.of("deux"));

        assertThatThrownBy(() -> f.support.comment(f.owner, t.id(), NewComment.of("trois")))
                .isInstanceOfSatisfying(ValidationException.class, e -> {
                    assertThat(e.violations()).singleElement().satisfies(v -> {
                        assertThat(v.field()).isEqualTo("comments");
                        assertThat(v.code()).isEqualTo("ticket-full");
                    });
                    assertThat(e.userMessage(Locale.FRENCH))
                            .isEqualTo("Commentaires : cette demande a atteint sa limite de 2 ; rien n’a été ajouté.");
                    assertThat(e.userMessage(Locale.ENGLISH))
                            .isEqualTo("Comments: this request has reached its limit of 2; nothing was added.");
                });
        Ticket after = f.support.get(f.platformAdmin, t.id());
        assertThat(after.commentCount()).isEqualTo(2);
    }

    @Test
    void filesOverTheTicketsLimitAreRefusedAndNothingIsWritten() {
        Fixture f = fixture(100, 2);
        Ticket t = f.file("s1", "Le blog");
        f.support.attach(f.owner, t.id(), List.of(NewFile.of("a.png", Samples.png())));
        Ticket before = f.support.get(f.platformAdmin, t.id());
        int stored = files.size();

        assertThatThrownBy(() -> f.support.comment(
                        f.owner,
                        t.id(),
                        NewComment.of(
                                "deux captures",
                                NewFile.of("b.png", Samples.png()),
                                NewFile.of("c.png", Samples.png()))))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .singleElement()
                                .satisfies(v -> assertThat(v.field()).isEqualTo("attachments")));
        assertThatThrownBy(() -> f.support.attach(
                        f.owner,
                        t.id(),
                        List.of(NewFile.of("b.png", Samples.png()), NewFile.of("c.png", Samples.png()))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("attachments");

        Ticket after = f.support.get(f.platformAdmin, t.id());
        assertThat(after.attachmentCount()).isEqualTo(1);
        assertThat(after.commentCount()).isEqualTo(before.commentCount());
        assertThat(after.version()).isEqualTo(before.version());
        assertThat(files.size()).isEqualTo(stored);
        // the one that fits is still accepted
        f.support.attach(f.owner, t.id(), List.of(NewFile.of("b.png", Samples.png())));
        assertThat(f.support.get(f.platformAdmin, t.id()).attachmentCount()).isEqualTo(2);
    }

    @Test
    void theLimitsAreValidated() {
        assertThat(SupportSettings.defaults().maxCommentsPerTicket()).isEqualTo(1_000);
        assertThat(SupportSettings.defaults().maxAttachmentsPerTicket()).isEqualTo(100);
        assertThat(SupportSettings.defaults().deliveredOutboxRetention()).isEqualTo(Duration.ofDays(7));
        assertThatThrownBy(
                        () -> SupportSettings.builder().maxCommentsPerTicket(0).build())
                .hasMessageContaining("maxCommentsPerTicket");
        assertThatThrownBy(() ->
                        SupportSettings.builder().maxAttachmentsPerTicket(-1).build())
                .hasMessageContaining("maxAttachmentsPerTicket");
        assertThatThrownBy(() -> SupportSettings.builder()
                        .deliveredOutboxRetention(Duration.ofSeconds(1))
                        .build())
                .hasMessageContaining("deliveredOutboxRetention");
    }
}
