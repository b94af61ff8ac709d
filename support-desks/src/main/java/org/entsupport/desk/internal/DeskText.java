package org.entsupport.desk.internal;

/** Text as desks accept it: cut on code points (never inside a surrogate pair) and on one line. */
public final class DeskText {

    private DeskText() {}

    /** Line breaks and runs of blanks become one space; the ends are stripped. */
    public static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }

    /**
     * {@code text} when it has at most {@code maxCodePoints} code points, else its first
     * {@code maxCodePoints - 1} code points and {@code …}. Never cuts a surrogate pair: desks count
     * characters (Redmine's Ruby {@code String#length}), and half a pair is no character at all.
     *
     * @param text          the text
     * @param maxCodePoints at least 2
     */
    public static String cut(String text, int maxCodePoints) {
        if (maxCodePoints < 2) {
            throw new IllegalArgumentException("maxCodePoints must be at least 2, but was " + maxCodePoints);
        }
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints - 1)).stripTrailing() + "…";
    }

    /**
     * A file name of at most {@code maxCodePoints} code points that keeps its extension (up to 16
     * characters) when it must be cut.
     */
    public static String fileName(String name, int maxCodePoints) {
        String clean = oneLine(name);
        if (clean.codePointCount(0, clean.length()) <= maxCodePoints) {
            return clean;
        }
        int dot = clean.lastIndexOf('.');
        String ext = dot > 0 && clean.length() - dot <= 16 ? clean.substring(dot) : "";
        String base = ext.isEmpty() ? clean : clean.substring(0, dot);
        int keep = maxCodePoints - ext.codePointCount(0, ext.length());
        return base.substring(0, base.offsetByCodePoints(0, Math.max(1, keep))) + ext;
    }
}
