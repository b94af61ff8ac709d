package org.entsupport.core.internal;

import java.io.IOException;

/** RFC 4180 CSV cells, with cells that spreadsheets would run as formulas neutralised. */
final class Csv {

    private Csv() {}

    static void row(Appendable out, Object... cells) throws IOException {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            cell(out, String.valueOf(cells[i]));
        }
        out.append("\r\n");
    }

    private static void cell(Appendable out, String value) throws IOException {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0
                || v.indexOf('"') >= 0
                || v.indexOf('\n') >= 0
                || v.indexOf('\r') >= 0
                || v.indexOf(';') >= 0
                || v.startsWith(" ")
                || v.endsWith(" ");
        if (quote) {
            out.append('"').append(v.replace("\"", "\"\"")).append('"');
        } else {
            out.append(v);
        }
    }
}
