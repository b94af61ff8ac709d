/**
 * Files attached to requests: the {@link org.entsupport.core.attachment.AttachmentStore} port that keeps
 * their content, its file-system and in-memory implementations, the
 * {@link org.entsupport.core.attachment.AttachmentPolicy} that decides which files are accepted (by their
 * first bytes, never by their name), and the optional {@link org.entsupport.core.attachment.AttachmentScanner}
 * SPI for an antivirus.
 *
 * <pre>{@code
 * Support support = Support.builder()
 *         .store(store)
 *         .attachmentStore(new FileSystemAttachmentStore(Path.of("/var/lib/support/files")))
 *         .attachmentPolicy(AttachmentPolicy.builder().maxFileSize(5 * 1024 * 1024).build())
 *         .build();
 * support.comment(alice, ticketId, NewComment.of("Voici la capture", NewFile.of("capture.png", upload::open)));
 * try (AttachmentContent file = support.openAttachment(alice, ticketId, attachmentId)) {
 *     file.content().transferTo(response);
 * }
 * }</pre>
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core.attachment;

import org.jspecify.annotations.NullMarked;
