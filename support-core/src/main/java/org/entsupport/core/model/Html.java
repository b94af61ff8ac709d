package org.entsupport.core.model;

/** Plain text put into HTML: escaped, line breaks as {@code <br>}. */
final class Html {

    private Html() {}

    static String fromPlainText(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '\n' -> out.append("<br>");
                case '\r' -> {}
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
