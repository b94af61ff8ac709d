package org.entsupport.core;

/**
 * How a CSV export is spelled. Every dialect writes a header row, quotes cells as RFC 4180 says, writes
 * plain text (never HTML) and neutralises cells a spreadsheet would run as a formula (a leading
 * {@code = + - @}, tab or carriage return gets a {@code '} in front).
 */
public enum CsvDialect {
    /** RFC 4180: comma separated, CRLF line ends, UTF-8 without byte order mark. */
    RFC4180(',', false),
    /**
     * What a French Excel opens with a double click: semicolon separated, CRLF line ends, UTF-8 with a
     * byte order mark (without it Excel reads the file as Windows-1252 and garbles accents).
     */
    EXCEL_FR(';', true);

    private final char separator;
    private final boolean byteOrderMark;

    CsvDialect(char separator, boolean byteOrderMark) {
        this.separator = separator;
        this.byteOrderMark = byteOrderMark;
    }

    /**
     * The cell separator.
     *
     * @return {@code ,} or {@code ;}
     */
    public char separator() {
        return separator;
    }

    /**
     * Whether the export starts with a UTF-8 byte order mark (U+FEFF).
     *
     * @return whether the export starts with a byte order mark
     */
    public boolean byteOrderMark() {
        return byteOrderMark;
    }
}
