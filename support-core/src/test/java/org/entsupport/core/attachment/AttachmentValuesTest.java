package org.entsupport.core.attachment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.entsupport.core.Actor;
import org.entsupport.core.model.Attachment;
import org.entsupport.core.model.Origin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy's ranges at their bounds, and the attachment values' checks. */
class AttachmentValuesTest {

    private static final long TIB = 1L << 40;

    @Test
    void thePolicyAcceptsItsWholeRange() {
        AttachmentPolicy low = AttachmentPolicy.builder()
                .maxFileSize(1)
                .maxTotalPerTicket(1)
                .maxFilesPerTicket(1)
                .allowedTypes(Set.of(FileType.PDF))
                .build();
        assertThat(low.maxFileSize()).isEqualTo(1);
        assertThat(low.maxTotalPerTicket()).isEqualTo(1);
        assertThat(low.maxFilesPerTicket()).isEqualTo(1);
        assertThat(low.allowedTypes()).containsExactly(FileType.PDF);
        AttachmentPolicy high = AttachmentPolicy.builder()
                .maxFileSize(TIB)
                .maxTotalPerTicket(TIB)
                .maxFilesPerTicket(10_000)
                .build();
        assertThat(high.maxFileSize()).isEqualTo(TIB);
        assertThat(high.maxFilesPerTicket()).isEqualTo(10_000);
        assertThat(high.allowedTypes()).containsExactlyInAnyOrder(FileType.values());
        AttachmentPolicy d = AttachmentPolicy.defaults();
        assertThat(d.maxFileSize()).isEqualTo(AttachmentPolicy.DEFAULT_MAX_FILE_SIZE);
        assertThat(d.maxTotalPerTicket()).isEqualTo(AttachmentPolicy.DEFAULT_MAX_TOTAL_PER_TICKET);
        assertThat(d.maxFilesPerTicket()).isEqualTo(AttachmentPolicy.DEFAULT_MAX_FILES_PER_TICKET);
        assertThat(d.toString())
                .startsWith("AttachmentPolicy[maxFileSize=10485760, maxTotalPerTicket=52428800, maxFilesPerTicket=20, "
                        + "allowedTypes=");
    }

    @Test
    void thePolicyRefusesOneBeyondEachBound() {
        assertThatThrownBy(() -> AttachmentPolicy.builder().maxFileSize(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxFileSize must be between 1 and 1099511627776, but was 0");
        assertThatThrownBy(() -> AttachmentPolicy.builder()
                        .maxFileSize(TIB + 1)
                        .maxTotalPerTicket(TIB)
                        .build())
                .hasMessage("maxFileSize must be between 1 and 1099511627776, but was 1099511627777");
        assertThatThrownBy(() -> AttachmentPolicy.builder()
                        .maxFileSize(1)
                        .maxTotalPerTicket(0)
                        .build())
                .hasMessage("maxTotalPerTicket must be between 1 and 1099511627776, but was 0");
        assertThatThrownBy(() ->
                        AttachmentPolicy.builder().maxTotalPerTicket(TIB + 1).build())
                .hasMessage("maxTotalPerTicket must be between 1 and 1099511627776, but was 1099511627777");
        assertThatThrownBy(() -> AttachmentPolicy.builder().maxFilesPerTicket(0).build())
                .hasMessage("maxFilesPerTicket must be between 1 and 10000, but was 0");
        assertThatThrownBy(() ->
                        AttachmentPolicy.builder().maxFilesPerTicket(10_001).build())
                .hasMessage("maxFilesPerTicket must be between 1 and 10000, but was 10001");
        assertThatThrownBy(() -> AttachmentPolicy.builder()
                        .maxFileSize(100)
                        .maxTotalPerTicket(99)
                        .build())
                .hasMessage("maxTotalPerTicket must be at least maxFileSize (100), but was 99");
        assertThatThrownBy(
                        () -> AttachmentPolicy.builder().allowedTypes(Set.of()).build())
                .hasMessage("allowedTypes must name at least one FileType, but was empty");
        assertThat(AttachmentPolicy.builder()
                        .maxFileSize(100)
                        .maxTotalPerTicket(100)
                        .build()
                        .maxTotalPerTicket())
                .isEqualTo(100);
    }

    @Test
    void aPolicyCopiedToABuilderKeepsEverySettingAndStaysUnchanged() {
        AttachmentPolicy p = AttachmentPolicy.builder()
                .maxFileSize(5)
                .maxTotalPerTicket(7)
                .maxFilesPerTicket(3)
                .allowedTypes(EnumSet.of(FileType.TEXT, FileType.PNG))
                .build();
        AttachmentPolicy copy = p.toBuilder().build();
        assertThat(copy.toString()).isEqualTo(p.toString());
        AttachmentPolicy changed = p.toBuilder()
                .allowedTypes(Set.of(FileType.PDF))
                .maxFilesPerTicket(4)
                .build();
        assertThat(changed.allowedTypes()).containsExactly(FileType.PDF);
        assertThat(changed.maxFileSize()).isEqualTo(5);
        assertThat(changed.maxTotalPerTicket()).isEqualTo(7);
        assertThat(p.allowedTypes()).containsExactlyInAnyOrder(FileType.TEXT, FileType.PNG);
        assertThat(p.maxFilesPerTicket()).isEqualTo(3);
    }

    @Test
    void aRefusalCarriesItsReasonFileAndNumbers() {
        IOException cause = new IOException("x");
        AttachmentRefusedException e = new AttachmentRefusedException(
                AttachmentRefusedException.Reason.TOO_LARGE, "a.pdf", 10, 0, "a.pdf is too large", List.of(), cause);
        assertThat(e.reason()).isEqualTo(AttachmentRefusedException.Reason.TOO_LARGE);
        assertThat(e.fileName()).hasValue("a.pdf");
        assertThat(e.limit()).hasValue(10);
        assertThat(e.actual()).hasValue(0);
        assertThat(e.detail()).isEqualTo("a.pdf is too large");
        assertThat(e.getCause()).isSameAs(cause);
        assertThat(e.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("attachments");
            assertThat(v.code()).isEqualTo("file-too-large");
        });
        AttachmentRefusedException none = new AttachmentRefusedException(
                AttachmentRefusedException.Reason.TOO_MANY, null, -1, -1, "m", List.of(), null);
        assertThat(none.fileName()).isEmpty();
        AttachmentRefusedException zero = new AttachmentRefusedException(
                AttachmentRefusedException.Reason.TOO_LARGE, "a", 0, 1, "m", List.of(), null);
        assertThat(zero.limit()).hasValue(0);
        assertThat(zero.actual()).hasValue(1);
        assertThat(none.limit()).isEmpty();
        assertThat(none.actual()).isEmpty();
        assertThat(AttachmentRefusedException.Reason.UNREADABLE.code()).isEqualTo("file-unreadable");
    }

    @Test
    void scanResultsAreConsistent() {
        assertThat(ScanResult.clean().accepted()).isTrue();
        assertThat(ScanResult.clean().reason()).isEmpty();
        assertThat(ScanResult.rejected("virus").accepted()).isFalse();
        assertThat(ScanResult.rejected("virus").reason()).isEqualTo("virus");
        assertThatThrownBy(() -> new ScanResult(true, "why"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("an accepted file has no reason, but got 'why'");
        assertThatThrownBy(() -> ScanResult.rejected(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a rejection needs a reason shown to the user, but it was blank");
        AttachmentScanner scanner = (n, t, c) -> ScanResult.clean();
        assertThat(scanner.name()).isEqualTo(scanner.getClass().getSimpleName());
    }

    @Test
    void fileTypesMatchTheirExtensionsIgnoringCase() {
        assertThat(FileType.JPEG.matchesName("photo.JPEG")).isTrue();
        assertThat(FileType.JPEG.matchesName("photo.jfif")).isTrue();
        assertThat(FileType.JPEG.matchesName("photo.png")).isFalse();
        assertThat(FileType.JPEG.matchesName("jpg")).isFalse();
        assertThat(FileType.JPEG.matchesName(".jpg")).isTrue();
        assertThat(FileType.TEXT.extensions()).startsWith("txt");
        assertThat(FileType.PDF.mediaType()).isEqualTo("application/pdf");
    }

    @TempDir
    Path dir;

    @Test
    void newFilesOpenTheirContent() throws IOException {
        NewFile bytes = NewFile.of("a.txt", new byte[] {1, 2});
        assertThat(bytes.declaredSize()).isEqualTo(2);
        assertThat(bytes.content().open().readAllBytes()).containsExactly(1, 2);
        Path p = Files.write(dir.resolve("f"), new byte[] {3});
        NewFile onDisk = NewFile.of("f", p);
        assertThat(onDisk.declaredSize()).isEqualTo(NewFile.UNKNOWN_SIZE);
        assertThat(onDisk.content().open().readAllBytes()).containsExactly(3);
        NewFile once = NewFile.ofStream("s", new ByteArrayInputStream(new byte[] {4}));
        assertThat(once.declaredSize()).isEqualTo(NewFile.UNKNOWN_SIZE);
        assertThat(once.content().open().readAllBytes()).containsExactly(4);
        assertThatThrownBy(() -> once.content().open())
                .isInstanceOf(IOException.class)
                .hasMessage("the stream of s was already read");
        assertThat(NewFile.of("z", () -> InputStream.nullInputStream(), 0).declaredSize())
                .isZero();
        assertThatThrownBy(() -> NewFile.of("z", InputStream::nullInputStream, -2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("declaredSize must be zero or more, or UNKNOWN_SIZE, but was -2");
        assertThatThrownBy(() -> new HostDocument("d", -2, "text/plain", InputStream::nullInputStream))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("size must be zero or more, or UNKNOWN_SIZE, but was -2");
        assertThat(new HostDocument("d", -1, "text/plain", InputStream::nullInputStream).size())
                .isEqualTo(-1);
    }

    @Test
    void hostDocumentsNoneKnowsNothing() throws IOException {
        assertThat(HostDocuments.none().find(Actor.user("u", "U").build(), "any"))
                .isEmpty();
    }

    @Test
    void notFoundAndContentNameTheirAttachment() throws IOException {
        AttachmentNotFoundException e = new AttachmentNotFoundException(3, 9, "gone");
        assertThat(e.ticketId()).isEqualTo(3);
        assertThat(e.attachmentId()).isEqualTo(9);
        assertThat(e.getMessage()).contains("No attachment 9 on ticket 3: gone");
        AtomicBoolean closed = new AtomicBoolean();
        InputStream in = new ByteArrayInputStream(new byte[0]) {
            @Override
            public void close() {
                closed.set(true);
            }
        };
        Attachment a = new Attachment(9, 3, null, "f", "text/plain", 0, "u", Instant.EPOCH, Origin.LOCAL);
        new AttachmentContent(a, in).close();
        assertThat(closed).isTrue();
    }
}
