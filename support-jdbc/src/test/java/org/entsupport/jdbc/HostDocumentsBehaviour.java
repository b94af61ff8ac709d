package org.entsupport.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.entsupport.core.Actor;
import org.entsupport.core.NewAttachment;
import org.entsupport.core.NewComment;
import org.entsupport.core.NewTicket;
import org.entsupport.core.Support;
import org.entsupport.core.ValidationException;
import org.entsupport.core.Violation;
import org.entsupport.core.attachment.AttachmentContent;
import org.entsupport.core.attachment.AttachmentRefusedException;
import org.entsupport.core.attachment.HostDocument;
import org.entsupport.core.attachment.NewFile;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Ticket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * References to the host's documents with the database stores, on each database: the document is copied
 * into the database store under a key the library generates, typed from its content and served back; a
 * storage key of another school's file named as a reference reads nothing; a refused copy leaves no row.
 */
abstract class HostDocumentsBehaviour {

    /** The database of the subclass, created in its {@code @BeforeAll}. */
    protected abstract TestDatabase db();

    private final Map<String, byte[]> workspace = new HashMap<>();
    private final Actor owner = Actor.user("u-owner", "Olivia").memberOf("s1").build();
    private final Actor admin = Actor.user("u-admin", "Adam").adminOf("s1").build();
    private final Actor other = Actor.user("u-other", "Odile").memberOf("s2").build();
    private Support support;

    @BeforeEach
    void setUp() {
        db().clear();
        support = Support.builder()
                .store(db().jdbc.store())
                .attachmentStore(db().jdbc.attachmentStore())
                .documents((actor, id) -> Optional.ofNullable(workspace.get(actor.userId() + "/" + id))
                        .map(bytes -> new HostDocument(
                                id + ".html", bytes.length, "text/html", () -> new ByteArrayInputStream(bytes))))
                .build();
    }

    private long count(String table) {
        try (Connection c = db().jdbc.dataSource().getConnection();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + db().table(table))) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static NewTicket.Builder request(String school) {
        return NewTicket.builder()
                .school(school)
                .category("/blog")
                .subject("Document joint")
                .description("Voir la pièce jointe.");
    }

    @Test
    void aReferencedDocumentIsCopiedTypedFromItsContentAndServedBack() throws Exception {
        byte[] png = H2AttachmentFacadeTest.png(1000);
        workspace.put("u-owner/capture", png);

        Ticket t = support.create(
                owner, request("s1").attachment(NewAttachment.of("capture")).build());

        Attachment a = support.attachments(admin, t.id()).get(0);
        assertThat(a.mediaType()).isEqualTo("image/png");
        assertThat(a.size()).isEqualTo(png.length);
        assertThat(JdbcAttachmentStore.isKey(H2AttachmentFacadeTest.key(db(), a)))
                .isTrue();
        assertThat(count("support_attachment_content")).isEqualTo(1);
        try (AttachmentContent c = support.openAttachment(admin, t.id(), a.id());
                InputStream in = c.content()) {
            assertThat(in.readAllBytes()).isEqualTo(png);
        }
    }

    @Test
    void theKeyOfAnotherSchoolsFileNamedAsAReferenceReadsNothing() {
        Ticket theirs = support.create(
                other,
                request("s2")
                        .file(NewFile.of("bulletin.pdf", "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII)))
                        .build());
        String key = H2AttachmentFacadeTest.key(
                db(), support.attachments(other, theirs.id()).get(0));
        Ticket mine = support.create(owner, request("s1").build());

        assertThatThrownBy(() ->
                        support.comment(owner, mine.id(), new NewComment("Voici", List.of(NewAttachment.of(key)))))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactly("unknown-document"));
        assertThat(support.attachments(owner, mine.id())).isEmpty();
        assertThat(count("support_attachments")).isEqualTo(1);
    }

    @Test
    void aTextDocumentWithHtmlIsRefusedAndLeavesNoRow() {
        workspace.put("u-owner/note", "Bonjour\n<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> support.create(
                        owner,
                        request("s1").attachment(NewAttachment.of("note")).build()))
                .isInstanceOfSatisfying(
                        AttachmentRefusedException.class,
                        e -> assertThat(e.reason()).isEqualTo(AttachmentRefusedException.Reason.TYPE_NOT_ALLOWED));
        assertThat(count("support_attachment_content")).isZero();
        assertThat(count("support_attachment_chunks")).isZero();
        assertThat(count("support_tickets")).isZero();
    }
}
