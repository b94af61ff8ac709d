package org.entsupport.core.attachment.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.entsupport.core.attachment.FileType;
import org.jspecify.annotations.Nullable;

/**
 * Recognises a file from its content. First from its first bytes ({@link #classify}), which decides images
 * and PDF outright and refuses executables, markup and binary data before anything is stored; then, for
 * ZIP and OLE2 containers, from their structure ({@link #inspectZip}, {@link #inspectOle2}), reading the
 * stored copy as a stream.
 */
public final class ContentSniffer {

    /** How many first bytes {@link #classify} looks at. */
    public static final int HEADER_SIZE = 8192;

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] OLE2 = {
        (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1
    };
    private static final Pattern MARKUP_START = Pattern.compile("^\\s*<[a-zA-Z!?/]");
    private static final Pattern MARKUP_INSIDE =
            Pattern.compile("<(script|html|body|iframe|svg|object|embed|\\?php|!doctype)", Pattern.CASE_INSENSITIVE);
    private static final int MAX_ZIP_ENTRIES = 20_000;
    private static final Pattern EXECUTABLE_ENTRY = Pattern.compile(
            "\\.(exe|dll|com|scr|msi|bat|cmd|ps1|vbs|vbe|js|jse|wsf|hta|jar|class|sh|elf|so|dylib|lnk)$");
    private static final long MAX_ZIP_INFLATED = 512L * 1024 * 1024;
    private static final int MAX_CONTENT_TYPES = 1024 * 1024;

    private ContentSniffer() {}

    /** What the first bytes say. */
    public enum Family {
        /** Decided: {@link HeaderVerdict#type()}. */
        KNOWN,
        /** A ZIP archive: OOXML or OpenDocument if its entries say so. */
        ZIP,
        /** An OLE2 compound file: a legacy Office document if its directory says so. */
        OLE2,
        /** Possibly plain text: the whole content must be checked. */
        TEXT,
        /** Refused: {@link HeaderVerdict#description()} says what it looks like. */
        REFUSED
    }

    /**
     * The verdict on the first bytes.
     *
     * @param family      what to do next
     * @param type        the type, for {@link Family#KNOWN}
     * @param description what a refused content looks like, such as {@code an ELF executable}
     */
    public record HeaderVerdict(Family family, @Nullable FileType type, String description) {
        static HeaderVerdict known(FileType type) {
            return new HeaderVerdict(Family.KNOWN, type, type.name());
        }

        static HeaderVerdict refused(String description) {
            return new HeaderVerdict(Family.REFUSED, null, description);
        }
    }

    /**
     * Classifies content from its first bytes.
     *
     * @param header   up to {@link #HEADER_SIZE} first bytes, non-empty
     * @param complete whether {@code header} is the whole content
     */
    public static HeaderVerdict classify(byte[] header, boolean complete) {
        if (startsWith(header, PNG)) {
            return HeaderVerdict.known(FileType.PNG);
        }
        if (header.length >= 3
                && (header[0] & 0xFF) == 0xFF
                && (header[1] & 0xFF) == 0xD8
                && (header[2] & 0xFF) == 0xFF) {
            return HeaderVerdict.known(FileType.JPEG);
        }
        if (startsWith(header, ascii("GIF87a")) || startsWith(header, ascii("GIF89a"))) {
            return HeaderVerdict.known(FileType.GIF);
        }
        if (header.length >= 12
                && startsWith(header, ascii("RIFF"))
                && Arrays.equals(header, 8, 12, ascii("WEBP"), 0, 4)) {
            return HeaderVerdict.known(FileType.WEBP);
        }
        if (startsWith(header, ascii("%PDF-"))) {
            return HeaderVerdict.known(FileType.PDF);
        }
        if (startsWith(header, new byte[] {'P', 'K', 3, 4})) {
            return new HeaderVerdict(Family.ZIP, null, "a ZIP archive");
        }
        if (startsWith(header, OLE2)) {
            return new HeaderVerdict(Family.OLE2, null, "an OLE2 compound file");
        }
        String binary = knownBinary(header);
        if (binary != null) {
            return HeaderVerdict.refused(binary);
        }
        return classifyText(header, complete);
    }

    private static @Nullable String knownBinary(byte[] h) {
        if (startsWith(h, new byte[] {0x7F, 'E', 'L', 'F'})) {
            return "an ELF executable";
        }
        if (startsWith(h, ascii("MZ"))) {
            return "a Windows executable (MZ/PE)";
        }
        int magic =
                h.length < 4 ? 0 : ((h[0] & 0xFF) << 24) | ((h[1] & 0xFF) << 16) | ((h[2] & 0xFF) << 8) | (h[3] & 0xFF);
        if (magic == 0xFEEDFACE || magic == 0xFEEDFACF || magic == 0xCEFAEDFE || magic == 0xCFFAEDFE) {
            return "a Mach-O executable";
        }
        if (magic == 0xCAFEBABE) {
            return "a Java class or Mach-O universal binary";
        }
        if (startsWith(h, new byte[] {0, 'a', 's', 'm'})) {
            return "a WebAssembly module";
        }
        if (startsWith(h, ascii("Rar!"))
                || startsWith(h, new byte[] {'7', 'z', (byte) 0xBC, (byte) 0xAF})
                || startsWith(h, new byte[] {0x1F, (byte) 0x8B})) {
            return "a compressed archive (RAR, 7z or gzip)";
        }
        return null;
    }

    private static HeaderVerdict classifyText(byte[] header, boolean complete) {
        Utf8TextCheck check = new Utf8TextCheck();
        check.update(header, 0, header.length);
        String problem = complete ? check.errorAtEnd() : check.error();
        if (problem != null) {
            return HeaderVerdict.refused("binary data of an unknown kind (" + problem + ")");
        }
        int from = startsWith(header, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}) ? 3 : 0;
        // A multi-byte sequence cut at the end of the header decodes as U+FFFD: harmless here.
        String text = new String(header, from, header.length - from, StandardCharsets.UTF_8);
        if (text.startsWith("#!")) {
            return HeaderVerdict.refused("a script (it starts with #!)");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        if (MARKUP_START.matcher(text).find()) {
            if (lower.contains("<svg")) {
                return HeaderVerdict.refused("an SVG image (markup that can run scripts)");
            }
            if (lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<script")) {
                return HeaderVerdict.refused("an HTML document");
            }
            return HeaderVerdict.refused("markup (HTML or XML)");
        }
        if (MARKUP_INSIDE.matcher(text).find()) {
            return HeaderVerdict.refused("text containing HTML or script markup");
        }
        return new HeaderVerdict(Family.TEXT, FileType.TEXT, "plain text");
    }

    /**
     * The outcome of a structural inspection.
     *
     * @param type        the type recognised, or {@code null} when refused
     * @param description what the content is, for a refusal
     */
    public record Inspection(@Nullable FileType type, String description) {
        static Inspection of(FileType type) {
            return new Inspection(type, type.name());
        }

        static Inspection refused(String description) {
            return new Inspection(null, description);
        }
    }

    /**
     * Tells an OOXML or OpenDocument file from any other ZIP archive. OpenDocument: the first entry is
     * {@code mimetype} and names the kind. OOXML: {@code [Content_Types].xml} declares the main part of a
     * document, workbook or presentation (macro-enabled variants are refused) and the matching directory
     * ({@code word/}, {@code xl/}, {@code ppt/}) exists. Reads at most {@value #MAX_ZIP_ENTRIES} entries and
     * 512 MiB inflated, so a ZIP bomb cannot keep it busy.
     */
    public static Inspection inspectZip(InputStream content) throws IOException {
        String contentTypes = null;
        boolean word = false;
        boolean excel = false;
        boolean powerPoint = false;
        long inflated = 0;
        byte[] buffer = new byte[8192];
        try (ZipInputStream zip = new ZipInputStream(content, StandardCharsets.UTF_8)) {
            ZipEntry entry;
            int entries = 0;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (entries == 0 && name.equals("mimetype")) {
                    byte[] mime = zip.readNBytes(100);
                    return odf(new String(mime, StandardCharsets.US_ASCII).strip(), zip);
                }
                if (++entries > MAX_ZIP_ENTRIES) {
                    return Inspection.refused("a ZIP archive with more than " + MAX_ZIP_ENTRIES + " entries");
                }
                word |= name.startsWith("word/");
                excel |= name.startsWith("xl/");
                powerPoint |= name.startsWith("ppt/");
                if (name.equals("[Content_Types].xml")) {
                    byte[] xml = zip.readNBytes(MAX_CONTENT_TYPES);
                    inflated += xml.length;
                    contentTypes = new String(xml, StandardCharsets.UTF_8);
                }
                if (contentTypes != null && (word || excel || powerPoint)) {
                    break;
                }
                int n;
                while ((n = zip.read(buffer)) != -1) {
                    inflated += n;
                    if (inflated > MAX_ZIP_INFLATED) {
                        return Inspection.refused(
                                "a ZIP archive that inflates to more than " + MAX_ZIP_INFLATED + " bytes");
                    }
                }
            }
        } catch (ZipException e) {
            return Inspection.refused("a damaged or unsupported ZIP archive (" + e.getMessage() + ")");
        }
        if (contentTypes == null) {
            return Inspection.refused("a ZIP archive");
        }
        String types = contentTypes.toLowerCase(Locale.ROOT);
        if (types.contains("macroenabled") || types.contains("vbaproject")) {
            return Inspection.refused("an Office document with macros");
        }
        if (word && types.contains("wordprocessingml.document.main+xml")) {
            return Inspection.of(FileType.DOCX);
        }
        if (excel && types.contains("spreadsheetml.sheet.main+xml")) {
            return Inspection.of(FileType.XLSX);
        }
        if (powerPoint && types.contains("presentationml.presentation.main+xml")) {
            return Inspection.of(FileType.PPTX);
        }
        return Inspection.refused("a ZIP archive that is not a Word, Excel or PowerPoint document");
    }

    /**
     * An OpenDocument file once its {@code mimetype} entry was read: its kind must be a text, spreadsheet or
     * presentation, and the rest of the archive must be one: {@code content.xml} and
     * {@code META-INF/manifest.xml} present, no macro ({@code Basic/}, {@code Scripts/}) and no executable
     * entry.
     */
    private static Inspection odf(String mimeType, ZipInputStream zip) throws IOException {
        FileType type = null;
        for (FileType t : new FileType[] {FileType.ODT, FileType.ODS, FileType.ODP}) {
            if (t.mediaType().equals(mimeType)) {
                type = t;
            }
        }
        if (type == null) {
            return Inspection.refused(
                    "an OpenDocument file of another kind (" + mimeType.replaceAll("[^\\x20-\\x7E]", "?") + ")");
        }
        boolean content = false;
        boolean manifest = false;
        long inflated = 0;
        int entries = 1;
        byte[] buffer = new byte[8192];
        ZipEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            if (++entries > MAX_ZIP_ENTRIES) {
                return Inspection.refused("a ZIP archive with more than " + MAX_ZIP_ENTRIES + " entries");
            }
            String name = entry.getName();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("basic/") || lower.startsWith("scripts/")) {
                return Inspection.refused("an OpenDocument file with macros");
            }
            if (EXECUTABLE_ENTRY.matcher(lower).find()) {
                return Inspection.refused("an OpenDocument file that carries a program");
            }
            content |= name.equals("content.xml");
            manifest |= name.equals("META-INF/manifest.xml");
            int n;
            while ((n = zip.read(buffer)) != -1) {
                inflated += n;
                if (inflated > MAX_ZIP_INFLATED) {
                    return Inspection.refused(
                            "a ZIP archive that inflates to more than " + MAX_ZIP_INFLATED + " bytes");
                }
            }
        }
        if (!content || !manifest) {
            return Inspection.refused("a ZIP archive that only claims to be an OpenDocument file (it lacks "
                    + (content ? "META-INF/manifest.xml" : "content.xml") + ")");
        }
        return Inspection.of(type);
    }

    /**
     * Tells a legacy Word, Excel or PowerPoint file from any other OLE2 compound file (an installer, a mail)
     * by the stream names of its directory: {@code WordDocument}, {@code Workbook} or {@code Book},
     * {@code PowerPoint Document}. Directory entries are 128 bytes long and aligned on 128 bytes, so one pass
     * over the content finds them without loading it. A file with a macro storage ({@code Macros},
     * {@code _VBA_PROJECT_CUR}, {@code VBA}) is refused.
     */
    public static Inspection inspectOle2(InputStream content) throws IOException {
        byte[] entry = new byte[128];
        boolean word = false;
        boolean excel = false;
        boolean powerPoint = false;
        boolean root = false;
        long offset = 0;
        while (true) {
            int n = content.readNBytes(entry, 0, entry.length);
            if (n < entry.length) {
                break;
            }
            offset += n;
            if (offset <= 512) {
                continue; // the header
            }
            String name = entryName(entry);
            if (name == null) {
                continue;
            }
            int type = entry[0x42];
            if (type == 5 && name.equals("Root Entry")) {
                root = true;
            } else if (type == 2) {
                word |= name.equals("WordDocument");
                excel |= name.equals("Workbook") || name.equals("Book");
                powerPoint |= name.equals("PowerPoint Document");
            } else if (type == 1 && (name.equals("Macros") || name.equals("_VBA_PROJECT_CUR") || name.equals("VBA"))) {
                return Inspection.refused("a legacy Office document with macros");
            }
        }
        if (root && word) {
            return Inspection.of(FileType.DOC);
        }
        if (root && powerPoint) {
            return Inspection.of(FileType.PPT);
        }
        if (root && excel) {
            return Inspection.of(FileType.XLS);
        }
        return Inspection.refused("an OLE2 compound file that is not a Word, Excel or PowerPoint document "
                + "(an installer or a mail message?)");
    }

    /** The name of a directory entry, or {@code null} when these 128 bytes are not one. */
    private static @Nullable String entryName(byte[] e) {
        int length = (e[0x40] & 0xFF) | ((e[0x41] & 0xFF) << 8);
        if (length < 4 || length > 64 || length % 2 != 0 || e[0x42] < 1 || e[0x42] > 5) {
            return null;
        }
        if (e[length - 2] != 0 || e[length - 1] != 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length - 2; i += 2) {
            char c = (char) ((e[i] & 0xFF) | ((e[i + 1] & 0xFF) << 8));
            if (c == 0) {
                return null;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
