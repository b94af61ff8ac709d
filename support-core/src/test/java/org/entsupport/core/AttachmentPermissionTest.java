package org.entsupport.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentNotFoundException;
import org.entsupport.core.attachment.ContentSource;
import org.entsupport.core.attachment.InMemoryAttachmentStore;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The permission table of ARCHITECTURE §3 applied to attachments: download with the right to read the
 * ticket, upload with the right to comment. The ticket is filed by the owner in school s1.
 */
class AttachmentPermissionTest {

    enum Outcome {
        /** Done. */
        OK,
        /** TicketNotFoundException: the ticket is not visible, and nothing was read or kept. */
        NOT_FOUND,
        /** AttachmentNotFoundException: the ticket is visible, the attachment is not one of its own. */
        NO_ATTACHMENT
    }

    enum Who {
        OWNER,
        LOCAL_ADMIN,
        OTHER_ADMIN,
        PLATFORM_ADMIN,
        OTHER_USER,
        ESCALATOR_ELSEWHERE
    }

    private static final Outcome O = Outcome.OK;
    private static final Outcome N = Outcome.NOT_FOUND;
    private static final Outcome A = Outcome.NO_ATTACHMENT;

    /**
     * Columns: owner, local admin of s1, local admin of s2, platform admin, another user of s1, a user with
     * the escalation right in s2.
     */
    private static final Map<String, Outcome[]> TABLE = Map.of(
            "download", row(O, O, N, O, N, N),
            "download another ticket's attachment through this ticket", row(A, A, N, A, N, N),
            "download an unknown attachment", row(A, A, N, A, N, N),
            "list attachments", row(O, O, N, O, N, N),
            "attach", row(O, O, N, O, N, N),
            "comment with a file", row(O, O, N, O, N, N));

    private static Outcome[] row(Outcome... outcomes) {
        return outcomes;
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        TABLE.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            for (Who who : Who.values()) {
                cases.add(Arguments.of(e.getKey(), who, e.getValue()[who.ordinal()]));
            }
        });
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @MethodSource("cases")
    void attachmentOperationByActorHasTheExpectedOutcome(String operation, Who who, Outcome expected)
            throws IOException {
        InMemoryAttachmentStore files = new InMemoryAttachmentStore();
        Fixture f = new Fixture(SupportSettings.defaults(), b -> b.attachmentStore(files));
        Actor actor = switch (who) {
            case OWNER -> f.owner;
            case LOCAL_ADMIN -> f.localAdmin;
            case OTHER_ADMIN -> f.otherAdmin;
            case PLATFORM_ADMIN -> f.platformAdmin;
            case OTHER_USER -> f.otherUser;
            case ESCALATOR_ELSEWHERE -> f.escalatorElsewhere;
        };
        Ticket ticket = f.support.create(
                f.owner,
                NewTicket.builder()
                        .school("s1")
                        .category("/blog")
                        .subject("Le tableau blanc ne marche pas")
                        .description("Voir la capture")
                        .file(NewFile.of("capture.png", Samples.png()))
                        .build());
        Attachment attachment = f.support.attachments(f.owner, ticket.id()).get(0);
        // A ticket of s2 filed by the owner, with its own file: visible to the owner and the s2 admin only.
        Ticket other = f.support.create(
                f.owner,
                NewTicket.builder()
                        .school("s2")
                        .category("/blog")
                        .subject("Autre")
                        .description("Autre")
                        .file(NewFile.of("autre.pdf", Samples.pdf()))
                        .build());
        Attachment foreign = f.support.attachments(f.owner, other.id()).get(0);
        int storedBefore = files.size();
        ContentSource source = mock(ContentSource.class);
        when(source.open()).thenAnswer(i -> new java.io.ByteArrayInputStream(Samples.png()));
        NewFile upload = NewFile.of("nouvelle.png", source);

        Outcome actual;
        try {
            actual = switch (operation) {
                case "download" -> {
                    try (AttachmentContent c = f.support.openAttachment(actor, ticket.id(), attachment.id())) {
                        assertThat(c.content().readAllBytes()).isEqualTo(Samples.png());
                        assertThat(c.attachment().fileName()).isEqualTo("capture.png");
                    }
                    yield O;
                }
                case "download another ticket's attachment through this ticket" -> {
                    f.support.openAttachment(actor, ticket.id(), foreign.id()).close();
                    yield O;
                }
                case "download an unknown attachment" -> {
                    f.support.openAttachment(actor, ticket.id(), 9_999).close();
                    yield O;
                }
                case "list attachments" -> {
                    assertThat(f.support.attachments(actor, ticket.id())).containsExactly(attachment);
                    yield O;
                }
                case "attach" -> {
                    assertThat(f.support.attach(actor, ticket.id(), List.of(upload)))
                            .singleElement()
                            .satisfies(a -> assertThat(a.uploader()).isEqualTo(actor.userId()));
                    yield O;
                }
                case "comment with a file" -> {
                    f.support.comment(actor, ticket.id(), NewComment.of("Voici", upload));
                    assertThat(f.support.get(f.platformAdmin, ticket.id()).attachmentCount())
                            .isEqualTo(2);
                    yield O;
                }
                default -> throw new IllegalArgumentException(operation);
            };
        } catch (TicketNotFoundException e) {
            assertThat(e).hasMessage("No such ticket: " + ticket.id());
            verify(source, never().description("nothing is read from a file sent to an invisible ticket"))
                    .open();
            assertThat(files.size()).isEqualTo(storedBefore);
            actual = Outcome.NOT_FOUND;
        } catch (AttachmentNotFoundException e) {
            assertThat(e.ticketId()).isEqualTo(ticket.id());
            assertThat(e)
                    .hasMessageStartingWith("No attachment " + e.attachmentId() + " on ticket " + ticket.id()
                            + ": the ticket has no attachment with this id");
            assertThat(e.userMessage(java.util.Locale.FRENCH))
                    .isEqualTo("Cette pièce jointe n'existe pas ou vous n'y avez pas accès.");
            actual = Outcome.NO_ATTACHMENT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(actual).as("%s by %s", operation, who).isEqualTo(expected);
    }
}
