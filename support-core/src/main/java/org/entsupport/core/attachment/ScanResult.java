package org.entsupport.core.attachment;

import java.util.Objects;

/**
 * What an {@link AttachmentScanner} decided about a file.
 *
 * @param accepted whether the file may be kept
 * @param reason   why it was rejected, such as {@code Eicar-Test-Signature}; empty when accepted
 */
public record ScanResult(boolean accepted, String reason) {

    private static final ScanResult CLEAN = new ScanResult(true, "");

    /**
     * Checks that a rejection has a reason and an acceptance has none.
     *
     * @param accepted whether the file may be kept
     * @param reason why it was rejected, such as {@code Eicar-Test-Signature}; empty when accepted
     */
    public ScanResult {
        Objects.requireNonNull(reason, "reason");
        if (accepted && !reason.isEmpty()) {
            throw new IllegalArgumentException("an accepted file has no reason, but got '" + reason + "'");
        }
        if (!accepted && reason.isBlank()) {
            throw new IllegalArgumentException("a rejection needs a reason shown to the user, but it was blank");
        }
    }

    /**
     * The file may be kept.
     *
     * @return an accepting result
     */
    public static ScanResult clean() {
        return CLEAN;
    }

    /**
     * The file must not be kept.
     *
     * @param reason what was found, shown to the user and logged, such as {@code Win.Test.EICAR_HDB-1}
     * @return a rejecting result
     */
    public static ScanResult rejected(String reason) {
        return new ScanResult(false, reason);
    }
}
