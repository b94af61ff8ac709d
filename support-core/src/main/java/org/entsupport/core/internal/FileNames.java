package org.entsupport.core.internal;

/** Cleans a file name supplied by a user so that it is safe to show and to store. */
public final class FileNames {

    private FileNames() {}

    /**
     * Keeps the last path segment, removes control and bidi characters, trims dots and spaces at the
     * ends, and keeps at most 255 code points (preserving the extension when it can).
     */
    public static String clean(String name) {
        String last = name;
        int slash = Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\'));
        if (slash >= 0) {
            last = last.substring(slash + 1);
        }
        StringBuilder sb = new StringBuilder();
        last.codePoints()
                .filter(cp -> !Character.isISOControl(cp)
                        && !(cp >= 0x202A && cp <= 0x202E)
                        && !(cp >= 0x2066 && cp <= 0x2069)
                        && cp != 0x200E
                        && cp != 0x200F
                        && !(cp >= 0xD800 && cp <= 0xDFFF))
                .forEach(sb::appendCodePoint);
        String s = sb.toString().strip();
        while (s.startsWith(".")) {
            s = s.substring(1).strip();
        }
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        int max = InputValidator.MAX_FILE_NAME;
        if (s.codePointCount(0, s.length()) > max) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 16 ? s.substring(dot) : "";
            int keep = max - ext.codePointCount(0, ext.length());
            s = s.substring(0, s.offsetByCodePoints(0, keep)) + ext;
        }
        return s;
    }
}
