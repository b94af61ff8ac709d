package org.entsupport.core.attachment.internal;

import org.entsupport.core.attachment.FileType;

/**
 * A file that passed every check and whose content is in the attachment store, waiting for its metadata
 * to be written in the ticket store's transaction (or to be discarded if that fails).
 *
 * @param fileName   the cleaned name, with an extension matching its type
 * @param type       the type recognised from the content
 * @param size       its size in bytes
 * @param storageKey the key the attachment store generated
 * @param sha256     the SHA-256 of the content
 */
public record StagedFile(String fileName, FileType type, long size, String storageKey, String sha256) {}
