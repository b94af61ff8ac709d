package org.entsupport.core.attachment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.entsupport.core.attachment.FileType;
import org.entsupport.core.attachment.internal.ContentSniffer.Family;
import org.entsupport.core.attachment.internal.ContentSniffer.HeaderVerdict;
import org.entsupport.core.attachment.internal.ContentSniffer.Inspection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Magic bytes at their exact offsets and lengths, text and markup, ZIP and OLE2 structures. */
class ContentSnifferTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static HeaderVerdict complete(byte[] header) {
        return ContentSniffer.classify(header, true);
    }

    // ---- images, PDF and containers: the exact magic, and one byte less or different

    @Test
    void pngIsRecognisedFromItsEightBytesExactly() {
        byte[] png = bytes(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        HeaderVerdict v = complete(png);
        assertThat(v.family()).isEqualTo(Family.KNOWN);
        assertThat(v.type()).isEqualTo(FileType.PNG);
        assertThat(v.description()).isEqualTo("PNG");
        assertThat(complete(Arrays.copyOf(png, 7)).family()).isEqualTo(Family.REFUSED);
        byte[] wrongLast = png.clone();
        wrongLast[7] = 'x';
        assertThat(complete(wrongLast).type()).isNotEqualTo(FileType.PNG);
    }

    @Test
    void jpegNeedsFfD8FfInItsFirstThreeBytes() {
        assertThat(complete(bytes(0xFF, 0xD8, 0xFF)).type()).isEqualTo(FileType.JPEG);
        assertThat(complete(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10)).type()).isEqualTo(FileType.JPEG);
        assertThat(complete(bytes(0xFF, 0xD8)).family()).isEqualTo(Family.REFUSED);
        assertThat(complete(bytes(0xFE, 0xD8, 0xFF)).family()).isEqualTo(Family.REFUSED);
        assertThat(complete(bytes(0xFF, 0xD9, 0xFF)).family()).isEqualTo(Family.REFUSED);
        assertThat(complete(bytes(0xFF, 0xD8, 0xFE)).family()).isEqualTo(Family.REFUSED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GIF87a", "GIF89a", "GIF89a\u0001\u0000\u0001\u0000"})
    void gifIsRecognisedFromEitherVersion(String header) {
        HeaderVerdict v = complete(ascii(header));
        assertThat(v.family()).isEqualTo(Family.KNOWN);
        assertThat(v.type()).isEqualTo(FileType.GIF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GIF88a", "GIF89", "GIF8"})
    void anAlmostGifIsText(String header) {
        assertThat(complete(ascii(header)).family()).isEqualTo(Family.TEXT);
    }

    @Test
    void webpNeedsRiffAndWebpAtOffsetEight() {
        assertThat(complete(ascii("RIFF1234WEBP")).type()).isEqualTo(FileType.WEBP);
        assertThat(complete(ascii("RIFF1234WEBPVP8 ")).type()).isEqualTo(FileType.WEBP);
        assertThat(complete(ascii("RIFF1234WEB")).family()).isEqualTo(Family.TEXT);
        assertThat(complete(ascii("RIFF1234WAVE")).family()).isEqualTo(Family.TEXT);
        assertThat(complete(ascii("RIFX1234WEBP")).family()).isEqualTo(Family.TEXT);
    }

    @Test
    void pdfNeedsTheDash() {
        assertThat(complete(ascii("%PDF-")).type()).isEqualTo(FileType.PDF);
        assertThat(complete(ascii("%PDF-1.7\n")).type()).isEqualTo(FileType.PDF);
        assertThat(complete(ascii("%PDF")).family()).isEqualTo(Family.TEXT);
        assertThat(complete(ascii("%PDF 1.7")).family()).isEqualTo(Family.TEXT);
    }

    @Test
    void zipAndOle2AreLeftToTheStructuralInspection() {
        HeaderVerdict zip = complete(bytes('P', 'K', 3, 4));
        assertThat(zip.family()).isEqualTo(Family.ZIP);
        assertThat(zip.type()).isNull();
        assertThat(zip.description()).isEqualTo("a ZIP archive");
        assertThat(complete(bytes('P', 'K', 3)).family()).isEqualTo(Family.REFUSED);
        assertThat(complete(bytes('P', 'K', 5, 6)).family()).isEqualTo(Family.REFUSED);

        byte[] ole2 = bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
        HeaderVerdict ole = complete(ole2);
        assertThat(ole.family()).isEqualTo(Family.OLE2);
        assertThat(ole.type()).isNull();
        assertThat(ole.description()).isEqualTo("an OLE2 compound file");
        assertThat(complete(Arrays.copyOf(ole2, 7)).family()).isEqualTo(Family.REFUSED);
    }

    // ---- executables and archives refused by name

    @Test
    void executablesAndArchivesAreRefusedWithWhatTheyLookLike() {
        assertThat(complete(bytes(0x7F, 'E', 'L', 'F')).description()).isEqualTo("an ELF executable");
        assertThat(complete(bytes(0x7F, 'E', 'L')).description()).startsWith("binary data of an unknown kind");
        assertThat(complete(ascii("MZ")).description()).isEqualTo("a Windows executable (MZ/PE)");
        assertThat(complete(ascii("MZ\u0090\u0000")).description()).isEqualTo("a Windows executable (MZ/PE)");
        assertThat(complete(bytes(0, 'a', 's', 'm')).description()).isEqualTo("a WebAssembly module");
        assertThat(complete(bytes(0, 'a', 's')).description()).startsWith("binary data of an unknown kind");
        String archive = "a compressed archive (RAR, 7z or gzip)";
        assertThat(complete(ascii("Rar!")).description()).isEqualTo(archive);
        assertThat(complete(bytes('7', 'z', 0xBC, 0xAF)).description()).isEqualTo(archive);
        assertThat(complete(bytes(0x1F, 0x8B)).description()).isEqualTo(archive);
        for (HeaderVerdict v : new HeaderVerdict[] {
            complete(ascii("MZ")), complete(ascii("Rar!")), complete(bytes(0x7F, 'E', 'L', 'F'))
        }) {
            assertThat(v.family()).isEqualTo(Family.REFUSED);
            assertThat(v.type()).isNull();
        }
    }

    @Test
    void anAlmostArchiveMagicIsOnlyText() {
        assertThat(complete(ascii("Rar")).family()).isEqualTo(Family.TEXT);
        assertThat(complete(ascii("Ra!")).family()).isEqualTo(Family.TEXT);
        assertThat(complete(ascii("M")).family()).isEqualTo(Family.TEXT);
        assertThat(complete(ascii("MY")).family()).isEqualTo(Family.TEXT);
    }

    @ParameterizedTest
    @ValueSource(ints = {0xFEEDFACE, 0xFEEDFACF, 0xCEFAEDFE, 0xCFFAEDFE})
    void everyMachOMagicIsRefusedFromFourBytes(int magic) {
        byte[] b = bytes(magic >>> 24, magic >>> 16, magic >>> 8, magic);
        assertThat(complete(b).description()).isEqualTo("a Mach-O executable");
        assertThat(complete(Arrays.copyOf(b, 3)).description()).startsWith("binary data of an unknown kind");
        byte[] more = Arrays.copyOf(b, 16);
        assertThat(complete(more).description()).isEqualTo("a Mach-O executable");
        byte[] other = b.clone();
        other[3] ^= 0x10;
        assertThat(complete(other).description()).isNotEqualTo("a Mach-O executable");
    }

    @Test
    void cafeBabeIsAJavaClassOrAUniversalBinary() {
        assertThat(complete(bytes(0xCA, 0xFE, 0xBA, 0xBE)).description())
                .isEqualTo("a Java class or Mach-O universal binary");
        assertThat(complete(bytes(0xCA, 0xFE, 0xBA, 0xBF)).description()).startsWith("binary data of an unknown kind");
    }

    // ---- text

    @Test
    void plainTextIsText() {
        HeaderVerdict v = complete(ascii("Bonjour,\r\n\tle fichier joint.\n"));
        assertThat(v.family()).isEqualTo(Family.TEXT);
        assertThat(v.type()).isEqualTo(FileType.TEXT);
        assertThat(v.description()).isEqualTo("plain text");
    }

    @Test
    void aSequenceCutAtTheEndOfTheHeaderIsRefusedOnlyWhenTheHeaderIsTheWholeContent() {
        byte[] cut = bytes('c', 'a', 'f', 0xC3);
        assertThat(ContentSniffer.classify(cut, false).family()).isEqualTo(Family.TEXT);
        HeaderVerdict whole = ContentSniffer.classify(cut, true);
        assertThat(whole.family()).isEqualTo(Family.REFUSED);
        assertThat(whole.description())
                .isEqualTo("binary data of an unknown kind (UTF-8 sequence cut by the end of the file)");
    }

    @Test
    void binaryDataSaysWhereItStopsBeingText() {
        HeaderVerdict v = ContentSniffer.classify(bytes('a', 'b', 0), false);
        assertThat(v.family()).isEqualTo(Family.REFUSED);
        assertThat(v.type()).isNull();
        assertThat(v.description()).isEqualTo("binary data of an unknown kind (control character U+0000 at byte 2)");
    }

    @Test
    void aScriptIsRefusedEvenBehindAByteOrderMark() {
        assertThat(complete(ascii("#!/bin/sh\nrm -rf /\n")).description()).isEqualTo("a script (it starts with #!)");
        byte[] bom = bytes(0xEF, 0xBB, 0xBF, '#', '!', '/', 'b', 'i', 'n');
        assertThat(complete(bom).description()).isEqualTo("a script (it starts with #!)");
        assertThat(complete(ascii(" #!/bin/sh")).family()).isEqualTo(Family.TEXT);
        byte[] bomText = bytes(0xEF, 0xBB, 0xBF, 'h', 'i');
        assertThat(complete(bomText).family()).isEqualTo(Family.TEXT);
    }

    @Test
    void markupAtTheStartIsRefusedByKind() {
        assertThat(complete(ascii("  <svg xmlns='http://www.w3.org/2000/svg'/>"))
                        .description())
                .isEqualTo("an SVG image (markup that can run scripts)");
        assertThat(complete(ascii("<?xml version='1.0'?><SVG/>")).description())
                .isEqualTo("an SVG image (markup that can run scripts)");
        assertThat(complete(ascii("<HTML><body>x</body></HTML>")).description()).isEqualTo("an HTML document");
        assertThat(complete(ascii("<!DOCTYPE html><p>x")).description()).isEqualTo("an HTML document");
        assertThat(complete(ascii("<div><script>alert(1)</script></div>")).description())
                .isEqualTo("an HTML document");
        assertThat(complete(ascii("\n<?xml version='1.0'?><root/>")).description())
                .isEqualTo("markup (HTML or XML)");
        assertThat(complete(ascii("</p>")).description()).isEqualTo("markup (HTML or XML)");
        assertThat(complete(ascii("<!-- x -->")).description()).isEqualTo("markup (HTML or XML)");
        byte[] bom = bytes(0xEF, 0xBB, 0xBF, '<', 'h', 't', 'm', 'l', '>');
        assertThat(complete(bom).description()).isEqualTo("an HTML document");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "voir <script>",
                "a <HTML>",
                "a <body>",
                "x <iframe src=y>",
                "x <svg/onload=y>",
                "x <object data=y>",
                "x <embed src=y>",
                "x <?php echo 1; ?>",
                "x <!DOCTYPE html>"
            })
    void markupInsideTextIsRefused(String text) {
        HeaderVerdict v = complete(ascii(text));
        assertThat(v.family()).isEqualTo(Family.REFUSED);
        assertThat(v.description()).isEqualTo("text containing HTML or script markup");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a < b", "x <p> y", "1 <2", "<", " < 3"})
    void textWithAnInnocentLessThanIsText(String text) {
        assertThat(complete(ascii(text)).family()).isEqualTo(Family.TEXT);
    }

    // ---- ZIP: OOXML and OpenDocument

    private static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                byte[] data = namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8);
                ZipEntry e = new ZipEntry(namesAndContents[i]);
                if (i == 0) {
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(data.length);
                    CRC32 crc = new CRC32();
                    crc.update(data);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(data);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static Inspection inspectZip(byte[] zip) throws IOException {
        return ContentSniffer.inspectZip(new ByteArrayInputStream(zip));
    }

    private static final String TYPES = "[Content_Types].xml";
    private static final String WORD = "<Override ContentType=\"application/vnd.openxmlformats-officedocument"
            + ".wordprocessingml.document.main+xml\"/>";
    private static final String EXCEL = "<Override ContentType=\"application/vnd.openxmlformats-officedocument"
            + ".spreadsheetml.sheet.main+xml\"/>";
    private static final String POWERPOINT = "<Override ContentType=\"application/vnd.openxmlformats-officedocument"
            + ".presentationml.presentation.main+xml\"/>";

    @Test
    void ooxmlDocumentsAreRecognisedWhateverTheOrderOfTheirEntries() throws IOException {
        Inspection docx = inspectZip(zip(TYPES, WORD, "word/document.xml", "<w:document/>"));
        assertThat(docx.type()).isEqualTo(FileType.DOCX);
        assertThat(docx.description()).isEqualTo("DOCX");
        assertThat(inspectZip(zip("word/document.xml", "<w:document/>", "_rels/.rels", "<r/>", TYPES, WORD))
                        .type())
                .isEqualTo(FileType.DOCX);
        assertThat(inspectZip(zip(TYPES, EXCEL, "xl/workbook.xml", "<x/>")).type())
                .isEqualTo(FileType.XLSX);
        assertThat(inspectZip(zip("ppt/presentation.xml", "<p/>", TYPES, POWERPOINT))
                        .type())
                .isEqualTo(FileType.PPTX);
    }

    @Test
    void aMainPartWithoutItsDirectoryOrTheOtherWayRoundIsRefused() throws IOException {
        String notOffice = "a ZIP archive that is not a Word, Excel or PowerPoint document";
        assertThat(inspectZip(zip(TYPES, WORD, "xl/workbook.xml", "<x/>")).description())
                .isEqualTo(notOffice);
        assertThat(inspectZip(zip(TYPES, EXCEL, "ppt/presentation.xml", "<p/>")).description())
                .isEqualTo(notOffice);
        assertThat(inspectZip(zip(TYPES, POWERPOINT, "word/document.xml", "<w/>"))
                        .description())
                .isEqualTo(notOffice);
        assertThat(inspectZip(zip(TYPES, WORD, "docs/word/document.xml", "<w/>"))
                        .type())
                .isNull();
        Inspection plain = inspectZip(zip("readme.txt", "hello", "word/document.xml", "<w/>"));
        assertThat(plain.type()).isNull();
        assertThat(plain.description()).isEqualTo("a ZIP archive");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/vnd.ms-word.document.macroEnabled.main+xml",
                "application/vnd.ms-office.vbaProject",
                "APPLICATION/VND.MS-EXCEL.SHEET.MACROENABLED.MAIN+XML"
            })
    void ooxmlWithMacrosIsRefused(String declared) throws IOException {
        Inspection i = inspectZip(zip(TYPES, WORD + "<Default ContentType=\"" + declared + "\"/>", "word/d.xml", "x"));
        assertThat(i.type()).isNull();
        assertThat(i.description()).isEqualTo("an Office document with macros");
    }

    @Test
    void theContentTypesAreReadEvenWhenTheyComeAfterManyEntries() throws IOException {
        String[] entries = new String[2 * 52];
        for (int i = 0; i < 50; i++) {
            entries[2 * i] = "media/image" + i + ".bin";
            entries[2 * i + 1] = "x".repeat(10_000);
        }
        entries[100] = TYPES;
        entries[101] = EXCEL;
        entries[102] = "xl/workbook.xml";
        entries[103] = "<x/>";
        assertThat(inspectZip(zip(entries)).type()).isEqualTo(FileType.XLSX);
    }

    @Test
    void aZipWithTooManyEntriesIsRefusedAtTheLimitPlusOne() throws IOException {
        assertThat(inspectZip(emptyEntries(20_000, TYPES, WORD)).description())
                .isEqualTo("a ZIP archive that is not a Word, Excel or PowerPoint document");
        assertThat(inspectZip(emptyEntries(20_001, TYPES, WORD)).description())
                .isEqualTo("a ZIP archive with more than 20000 entries");
    }

    /** {@code count} entries in all: the first given one, then empty files. */
    private static byte[] emptyEntries(int count, String firstName, String firstContent) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(firstName));
            zip.write(firstContent.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            for (int i = 1; i < count; i++) {
                zip.putNextEntry(new ZipEntry("f" + i));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void aDamagedZipIsRefusedAsSuch() throws IOException {
        byte[] good = zip(TYPES, WORD, "word/document.xml", "x".repeat(1000));
        // the compression method of the first entry (offset 8) set to an unknown one
        byte[] damaged = good.clone();
        damaged[8] = 99;
        Inspection i = inspectZip(damaged);
        assertThat(i.type()).isNull();
        assertThat(i.description()).startsWith("a damaged or unsupported ZIP archive (");
    }

    private static final String ODT = "application/vnd.oasis.opendocument.text";
    private static final String CONTENT = "content.xml";
    private static final String MANIFEST = "META-INF/manifest.xml";

    @Test
    void everyOpenDocumentKindIsRecognised() throws IOException {
        assertThat(inspectZip(zip("mimetype", ODT, CONTENT, "<c/>", MANIFEST, "<m/>"))
                        .type())
                .isEqualTo(FileType.ODT);
        assertThat(inspectZip(zip(
                                "mimetype",
                                "application/vnd.oasis.opendocument.spreadsheet",
                                MANIFEST,
                                "<m/>",
                                CONTENT,
                                "<c/>"))
                        .type())
                .isEqualTo(FileType.ODS);
        Inspection odp = inspectZip(zip(
                "mimetype", "application/vnd.oasis.opendocument.presentation\n", CONTENT, "<c/>", MANIFEST, "<m/>"));
        assertThat(odp.type()).isEqualTo(FileType.ODP);
        assertThat(odp.description()).isEqualTo("ODP");
    }

    @Test
    void anOpenDocumentOfAnotherKindIsRefusedWithItsPrintableKind() throws IOException {
        Inspection drawing = inspectZip(zip(
                "mimetype", "application/vnd.oasis.opendocument.graphics\u0001", CONTENT, "<c/>", MANIFEST, "<m/>"));
        assertThat(drawing.type()).isNull();
        assertThat(drawing.description())
                .isEqualTo("an OpenDocument file of another kind (application/vnd.oasis.opendocument.graphics?)");
    }

    @Test
    void aMimetypeThatIsNotTheFirstEntryDoesNotMakeAnOpenDocument() throws IOException {
        Inspection i = inspectZip(zip(CONTENT, "<c/>", "mimetype", ODT, MANIFEST, "<m/>"));
        assertThat(i.type()).isNull();
        assertThat(i.description()).isEqualTo("a ZIP archive");
    }

    @Test
    void anOpenDocumentNamesWhatItLacks() throws IOException {
        assertThat(inspectZip(zip("mimetype", ODT, CONTENT, "<c/>")).description())
                .isEqualTo(
                        "a ZIP archive that only claims to be an OpenDocument file (it lacks META-INF/manifest.xml)");
        assertThat(inspectZip(zip("mimetype", ODT, MANIFEST, "<m/>")).description())
                .isEqualTo("a ZIP archive that only claims to be an OpenDocument file (it lacks content.xml)");
        assertThat(inspectZip(zip("mimetype", ODT, "Content.xml", "<c/>", MANIFEST, "<m/>"))
                        .type())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pictures/x.JS", "a.dll", "b.sh", "c.jar", "d.class", "e.lnk", "f.ps1", "g.hta"})
    void anOpenDocumentCarryingAProgramIsRefused(String entry) throws IOException {
        Inspection i = inspectZip(zip("mimetype", ODT, CONTENT, "<c/>", MANIFEST, "<m/>", entry, "x"));
        assertThat(i.type()).isNull();
        assertThat(i.description()).isEqualTo("an OpenDocument file that carries a program");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pictures/shell.png", "Thumbnails/js.png", "exe", "Configurations2/a.jsx"})
    void entriesThatOnlyLookLikeProgramsAreFine(String entry) throws IOException {
        assertThat(inspectZip(zip("mimetype", ODT, CONTENT, "<c/>", MANIFEST, "<m/>", entry, "x"))
                        .type())
                .isEqualTo(FileType.ODT);
    }

    @Test
    void anOpenDocumentWithTooManyEntriesIsRefused() throws IOException {
        assertThat(inspectZip(odfWithEntries(20_000)).type()).isEqualTo(FileType.ODT);
        assertThat(inspectZip(odfWithEntries(20_001)).description())
                .isEqualTo("a ZIP archive with more than 20000 entries");
    }

    /** An OpenDocument text with {@code count} entries in all, mimetype included. */
    private static byte[] odfWithEntries(int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            byte[] m = ODT.getBytes(StandardCharsets.US_ASCII);
            ZipEntry e = new ZipEntry("mimetype");
            e.setMethod(ZipEntry.STORED);
            e.setSize(m.length);
            CRC32 crc = new CRC32();
            crc.update(m);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(m);
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(CONTENT));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(MANIFEST));
            zip.closeEntry();
            for (int i = 3; i < count; i++) {
                zip.putNextEntry(new ZipEntry("f" + i));
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    // ---- OLE2

    private static final int TYPE_STORAGE = 1;
    private static final int TYPE_STREAM = 2;
    private static final int TYPE_ROOT = 5;

    /** A directory entry: its UTF-16LE name with its terminator, the name's length, its type. */
    private static byte[] entry(String name, int type) {
        byte[] e = new byte[128];
        byte[] n = (name + "\u0000").getBytes(StandardCharsets.UTF_16LE);
        System.arraycopy(n, 0, e, 0, n.length);
        e[0x40] = (byte) n.length;
        e[0x41] = (byte) (n.length >>> 8);
        e[0x42] = (byte) type;
        return e;
    }

    /** A compound file: a 512-byte header, then the entries. */
    private static byte[] ole2(byte[]... entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[512];
        System.arraycopy(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), 0, header, 0, 8);
        out.writeBytes(header);
        for (byte[] e : entries) {
            out.writeBytes(e);
        }
        return out.toByteArray();
    }

    private static Inspection inspectOle2(byte[] content) throws IOException {
        return ContentSniffer.inspectOle2(new ByteArrayInputStream(content));
    }

    @Test
    void legacyOfficeDocumentsAreRecognisedByTheirStreams() throws IOException {
        Inspection doc = inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), entry("WordDocument", TYPE_STREAM)));
        assertThat(doc.type()).isEqualTo(FileType.DOC);
        assertThat(doc.description()).isEqualTo("DOC");
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), entry("Workbook", TYPE_STREAM)))
                        .type())
                .isEqualTo(FileType.XLS);
        assertThat(inspectOle2(ole2(entry("Book", TYPE_STREAM), entry("Root Entry", TYPE_ROOT)))
                        .type())
                .isEqualTo(FileType.XLS);
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), entry("PowerPoint Document", TYPE_STREAM)))
                        .type())
                .isEqualTo(FileType.PPT);
        // a Word document that embeds a workbook is a Word document, a presentation with one a presentation
        assertThat(inspectOle2(ole2(
                                entry("Root Entry", TYPE_ROOT),
                                entry("Workbook", TYPE_STREAM),
                                entry("WordDocument", TYPE_STREAM)))
                        .type())
                .isEqualTo(FileType.DOC);
        assertThat(inspectOle2(ole2(
                                entry("Root Entry", TYPE_ROOT),
                                entry("Workbook", TYPE_STREAM),
                                entry("PowerPoint Document", TYPE_STREAM)))
                        .type())
                .isEqualTo(FileType.PPT);
    }

    @Test
    void otherCompoundFilesAreRefused() throws IOException {
        String other = "an OLE2 compound file that is not a Word, Excel or PowerPoint document "
                + "(an installer or a mail message?)";
        Inspection noRoot = inspectOle2(ole2(entry("WordDocument", TYPE_STREAM)));
        assertThat(noRoot.type()).isNull();
        assertThat(noRoot.description()).isEqualTo(other);
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT))).description())
                .isEqualTo(other);
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), entry("__substg1.0_0037001F", TYPE_STREAM)))
                        .description())
                .isEqualTo(other);
        // the right names with the wrong types
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_STREAM), entry("WordDocument", TYPE_STREAM)))
                        .type())
                .isNull();
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), entry("WordDocument", TYPE_STORAGE)))
                        .type())
                .isNull();
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), entry("Workbook", 3)))
                        .type())
                .isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Macros", "_VBA_PROJECT_CUR", "VBA"})
    void aMacroStorageIsRefused(String storage) throws IOException {
        Inspection i = inspectOle2(
                ole2(entry("Root Entry", TYPE_ROOT), entry("WordDocument", TYPE_STREAM), entry(storage, TYPE_STORAGE)));
        assertThat(i.type()).isNull();
        assertThat(i.description()).isEqualTo("a legacy Office document with macros");
        // the same name as a stream is no macro storage
        assertThat(inspectOle2(ole2(
                                entry("Root Entry", TYPE_ROOT),
                                entry("WordDocument", TYPE_STREAM),
                                entry(storage, TYPE_STREAM)))
                        .type())
                .isEqualTo(FileType.DOC);
    }

    @Test
    void entriesInsideTheHeaderAreNotDirectoryEntries() throws IOException {
        byte[] content = new byte[512 + 128];
        System.arraycopy(bytes(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1), 0, content, 0, 8);
        // the last 128 bytes of the header look like a WordDocument stream
        System.arraycopy(entry("WordDocument", TYPE_STREAM), 0, content, 384, 128);
        System.arraycopy(entry("Root Entry", TYPE_ROOT), 0, content, 512, 128);
        assertThat(inspectOle2(content).type()).isNull();
        // and one past the header is one
        System.arraycopy(entry("WordDocument", TYPE_STREAM), 0, content, 384, 128);
        byte[] moved = ole2(entry("Root Entry", TYPE_ROOT), entry("WordDocument", TYPE_STREAM));
        assertThat(inspectOle2(moved).type()).isEqualTo(FileType.DOC);
    }

    @Test
    void aTruncatedLastEntryIsIgnored() throws IOException {
        byte[] whole = ole2(entry("Root Entry", TYPE_ROOT), entry("WordDocument", TYPE_STREAM));
        assertThat(inspectOle2(Arrays.copyOf(whole, whole.length - 1)).type()).isNull();
        assertThat(inspectOle2(Arrays.copyOf(whole, 512 + 127)).type()).isNull();
    }

    @Test
    void malformedEntryNamesAreIgnored() throws IOException {
        // the name's length in two bytes: 256 more than the name is too long
        byte[] longLength = entry("WordDocument", TYPE_STREAM);
        longLength[0x41] = 1;
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), longLength)).type())
                .isNull();
        // an odd length
        byte[] odd = entry("WordDocument", TYPE_STREAM);
        odd[0x40] = 25;
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), odd)).type())
                .isNull();
        // no terminator where the length says: "WordDocumentX" counted without its null
        byte[] unterminated = entry("WordDocumentX", TYPE_STREAM);
        unterminated[0x40] = 26;
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), unterminated))
                        .type())
                .isNull();
        // the last character of the length is not the terminator: only its low byte is zero
        byte[] highByte = entry("WordDocument\u0100", TYPE_STREAM);
        highByte[0x40] = 26;
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), highByte)).type())
                .isNull();
        // characters are read as UTF-16: a letter whose low byte is a W is not a W
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), entry("\u0157ordDocument", TYPE_STREAM)))
                        .type())
                .isNull();
        // a type out of range
        byte[] badType = entry("WordDocument", 6);
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), badType)).type())
                .isNull();
        // a null character inside the name
        byte[] inner = entry("Word\u0000Document", TYPE_STREAM);
        assertThat(inspectOle2(ole2(entry("Root Entry", TYPE_ROOT), inner)).type())
                .isNull();
        // a name of one character is the shortest: still a valid entry
        assertThat(inspectOle2(ole2(entry("R", TYPE_STREAM), entry("Root Entry", TYPE_ROOT), entry("Book", 2)))
                        .type())
                .isEqualTo(FileType.XLS);
    }

    // ---- ZIP bombs: at most 512 MiB inflated

    private static final long MAX_INFLATED = 512L * 1024 * 1024;
    private static final java.util.Map<String, byte[]> BOMBS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A ZIP of the given entries; an entry named {@code *N} is N zero bytes, compressed. */
    private static byte[] bomb(String... namesAndContents) {
        return BOMBS.computeIfAbsent(String.join("|", namesAndContents), k -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < namesAndContents.length; i += 2) {
                    String content = namesAndContents[i + 1];
                    byte[] data = content.getBytes(StandardCharsets.UTF_8);
                    ZipEntry e = new ZipEntry(namesAndContents[i]);
                    if (i == 0) {
                        e.setMethod(ZipEntry.STORED);
                        e.setSize(data.length);
                        CRC32 crc = new CRC32();
                        crc.update(data);
                        e.setCrc(crc.getValue());
                    }
                    zip.putNextEntry(e);
                    if (content.startsWith("*")) {
                        long left = Long.parseLong(content.substring(1));
                        while (left > 0) {
                            int n = (int) Math.min(zeros.length, left);
                            zip.write(zeros, 0, n);
                            left -= n;
                        }
                    } else {
                        zip.write(data);
                    }
                    zip.closeEntry();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    @Test
    void anOoxmlArchiveMayInflateToExactly512MiBCountingItsContentTypes() throws IOException {
        long rest = MAX_INFLATED - WORD.length();
        assertThat(inspectZip(bomb(TYPES, WORD, "media/big.bin", "*" + rest, "word/document.xml", "x"))
                        .type())
                .isEqualTo(FileType.DOCX);
        Inspection bomb = inspectZip(bomb(TYPES, WORD, "media/big.bin", "*" + (rest + 1), "word/document.xml", "x"));
        assertThat(bomb.type()).isNull();
        assertThat(bomb.description()).isEqualTo("a ZIP archive that inflates to more than 536870912 bytes");
    }

    @Test
    void anOpenDocumentMayInflateToExactly512MiB() throws IOException {
        long rest = MAX_INFLATED - 4 - 4;
        assertThat(inspectZip(bomb("mimetype", ODT, CONTENT, "<c/>", MANIFEST, "<m/>", "Pictures/big.bin", "*" + rest))
                        .type())
                .isEqualTo(FileType.ODT);
        Inspection bomb = inspectZip(
                bomb("mimetype", ODT, CONTENT, "<c/>", MANIFEST, "<m/>", "Pictures/big.bin", "*" + (rest + 1)));
        assertThat(bomb.type()).isNull();
        assertThat(bomb.description()).isEqualTo("a ZIP archive that inflates to more than 536870912 bytes");
    }
}
