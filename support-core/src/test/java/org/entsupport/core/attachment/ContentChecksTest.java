package org.entsupport.core.attachment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.entsupport.core.attachment.internal.ContentSniffer;
import org.entsupport.core.attachment.internal.Utf8TextCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OpenDocument files must be what they claim and carry no macro; text must carry no HTML. */
class ContentChecksTest {

    private static final String ODT = "application/vnd.oasis.opendocument.text";

    private static byte[] odf(String mimeType, Map<String, String> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            byte[] m = mimeType.getBytes(StandardCharsets.US_ASCII);
            ZipEntry e = new ZipEntry("mimetype");
            e.setMethod(ZipEntry.STORED);
            e.setSize(m.length);
            CRC32 crc = new CRC32();
            crc.update(m);
            e.setCrc(crc.getValue());
            zip.putNextEntry(e);
            zip.write(m);
            zip.closeEntry();
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static Map<String, String> document(String... more) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("content.xml", "<office:document-content/>");
        entries.put("META-INF/manifest.xml", "<manifest:manifest/>");
        for (int i = 0; i < more.length; i += 2) {
            entries.put(more[i], more[i + 1]);
        }
        return entries;
    }

    private static ContentSniffer.Inspection inspect(byte[] zip) throws IOException {
        return ContentSniffer.inspectZip(new ByteArrayInputStream(zip));
    }

    @Test
    void aRealOpenDocumentTextIsAccepted() throws IOException {
        assertThat(inspect(odf(ODT, document())).type()).isEqualTo(FileType.ODT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Basic/Standard/Module1.xml", "Scripts/python/macro.py", "basic/script-lc.xml"})
    void anOpenDocumentWithMacrosIsRefused(String entry) throws IOException {
        ContentSniffer.Inspection result = inspect(odf(ODT, document(entry, "Sub Main\nEnd Sub")));
        assertThat(result.type()).isNull();
        assertThat(result.description()).contains("macros");
    }

    @Test
    void aZipThatOnlyClaimsToBeOpenDocumentIsRefused() throws IOException {
        ContentSniffer.Inspection bare = inspect(odf(ODT, Map.of("readme.txt", "hello")));
        assertThat(bare.type()).isNull();
        assertThat(bare.description()).contains("only claims");
        Map<String, String> noManifest = new LinkedHashMap<>();
        noManifest.put("content.xml", "<x/>");
        assertThat(inspect(odf(ODT, noManifest)).description()).contains("manifest");
        ContentSniffer.Inspection program = inspect(odf(ODT, document("Pictures/run.exe", "MZ")));
        assertThat(program.type()).isNull();
        assertThat(program.description()).contains("program");
    }

    private static String markup(String text) {
        Utf8TextCheck check = new Utf8TextCheck();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        // fed in two parts, as a stream arrives
        check.update(bytes, 0, bytes.length / 2);
        check.update(bytes, bytes.length / 2, bytes.length - bytes.length / 2);
        return check.markup();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "bonjour <p>paragraphe</p>",
                "<marquee>",
                "texte </div> fin",
                "a <!-- commentaire -->",
                "<?xml version='1.0'?>",
                "voir <img src=x>",
                "<a href=x onclick=\"go()\">",
                "style onmouseover = steal()",
                "ONLOAD=go()",
                "x <details open ontoggle=alert(1)>"
            })
    void anyHtmlElementOrEventHandlerInTextIsFound(String text) {
        assertThat(markup("Ligne 1\n" + "z".repeat(9000) + "\n" + text)).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x < y", "si a < b alors c", "3 <= 4 et 5 > 2", "oignon = 3", "mention on = off", "<"})
    void ordinaryTextIsNotMarkup(String text) {
        assertThat(markup(text)).isNull();
    }
}
