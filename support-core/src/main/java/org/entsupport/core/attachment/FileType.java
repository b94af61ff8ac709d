package org.entsupport.core.attachment;

import java.util.List;
import java.util.Locale;

/**
 * The kinds of file an {@link AttachmentPolicy} may accept. Each is recognised from the file's content
 * (its first bytes, and for office documents the structure of the archive or compound file), never from
 * its name or the type a browser announced.
 */
public enum FileType {
    /** PNG image: the 8-byte PNG signature. */
    PNG("image/png", "png"),
    /** JPEG image: {@code FF D8 FF}. */
    JPEG("image/jpeg", "jpg", "jpeg", "jpe", "jfif"),
    /** GIF image: {@code GIF87a} or {@code GIF89a}. */
    GIF("image/gif", "gif"),
    /** WebP image: {@code RIFF....WEBP}. */
    WEBP("image/webp", "webp"),
    /** PDF document: {@code %PDF-}. */
    PDF("application/pdf", "pdf"),
    /**
     * Plain text: valid UTF-8 (a byte-order mark allowed), no control character but tab, CR and LF, and
     * nothing a browser would take for HTML, XML, SVG or a script (markup at the start or HTML/script tags in
     * the first 8 KiB, {@code #!}). Serve it as {@code text/plain; charset=UTF-8}.
     */
    TEXT("text/plain", "txt", "text", "log", "csv", "tsv", "md"),
    /** Word document (OOXML): a ZIP whose {@code [Content_Types].xml} declares a main document part. */
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    /** Excel workbook (OOXML), without macros. */
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    /** PowerPoint presentation (OOXML), without macros. */
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    /** OpenDocument text: a ZIP whose first entry {@code mimetype} names it. */
    ODT("application/vnd.oasis.opendocument.text", "odt"),
    /** OpenDocument spreadsheet. */
    ODS("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    /** OpenDocument presentation. */
    ODP("application/vnd.oasis.opendocument.presentation", "odp"),
    /** Legacy Word document: an OLE2 compound file with a {@code WordDocument} stream. */
    DOC("application/msword", "doc", "dot"),
    /** Legacy Excel workbook: an OLE2 compound file with a {@code Workbook} or {@code Book} stream. */
    XLS("application/vnd.ms-excel", "xls", "xlt"),
    /** Legacy PowerPoint presentation: an OLE2 compound file with a {@code PowerPoint Document} stream. */
    PPT("application/vnd.ms-powerpoint", "ppt", "pps", "pot");

    private final String mediaType;
    private final List<String> extensions;

    FileType(String mediaType, String... extensions) {
        this.mediaType = mediaType;
        this.extensions = List.of(extensions);
    }

    /**
     * The media type stored with the attachment and sent on download, such as {@code image/png}.
     *
     * @return the media type stored with the attachment and sent on download, such as {@code image/png}
     */
    public String mediaType() {
        return mediaType;
    }

    /**
     * The file-name extensions of this type, lower case, without the dot; the first is the usual one.
     *
     * @return the file-name extensions of this type, lower case, without the dot; the first is the usual one
     */
    public List<String> extensions() {
        return extensions;
    }

    /**
     * Whether {@code fileName} ends with one of {@link #extensions()} (ignoring case).
     *
     * @param fileName a file name
     * @return whether {@code fileName} ends with one of {@link #extensions()} (ignoring case)
     */
    public boolean matchesName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot >= 0 && extensions.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
