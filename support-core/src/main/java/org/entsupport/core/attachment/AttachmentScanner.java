package org.entsupport.core.attachment;

import java.io.InputStream;

/**
 * Checks a file before it is kept, typically with an antivirus (ClamAV's {@code INSTREAM}, an ICAP server).
 * Optional: register one with {@link org.entsupport.core.Support.Builder#attachmentScanner}.
 *
 * <pre>{@code
 * AttachmentScanner clamav = (name, type, content) -> {
 *     String verdict = clamd.scan(content);          // your client
 *     return verdict.equals("OK") ? ScanResult.clean() : ScanResult.rejected(verdict);
 * };
 * }</pre>
 *
 * <p><b>Who calls it, when.</b> The facade calls {@link #scan} once per uploaded file, on the caller's
 * thread, after the file passed the type and size checks and was written to the
 * {@link AttachmentStore}, and before the ticket store's transaction: the request waits for the verdict,
 * so answer promptly (or time out and throw). Files imported from a support desk are scanned too.
 * Calls arrive concurrently: implementations are thread-safe.
 *
 * <p><b>Failures close the door.</b> A rejection refuses the file with its reason. An exception (or a
 * {@code null} result) also refuses it: a file that could not be checked is not kept. In both cases the
 * content is deleted from the store and nothing is recorded.
 */
@FunctionalInterface
public interface AttachmentScanner {

    /**
     * Checks a file.
     *
     * @param fileName  the cleaned file name, for reports only (never trust it for the verdict)
     * @param mediaType the type recognised from the content, such as {@code application/pdf}
     * @param content   the whole content, from its first byte; the facade closes it afterwards. Read it as
     *                  a stream: it may be large
     * @return {@link ScanResult#clean()} or {@link ScanResult#rejected(String)}
     * @throws Exception when the check could not be made (scanner down, time-out); the file is refused
     */
    ScanResult scan(String fileName, String mediaType, InputStream content) throws Exception;

    /**
     * A name for logs and messages; the class name by default.
     *
     * @return a name for logs and messages; the class name by default
     */
    default String name() {
        return getClass().getSimpleName();
    }
}
