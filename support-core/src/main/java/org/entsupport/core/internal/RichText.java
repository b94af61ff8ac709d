package org.entsupport.core.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.HtmlSanitizer;
import org.owasp.html.PolicyFactory;

/**
 * Rich text as the ENT editor writes it: HTML sanitised by the OWASP Java HTML Sanitizer to a small
 * allow-list (paragraphs, line breaks, bold, italic, underline, lists, links to http, https and mailto
 * with {@code rel="nofollow noopener"}, images only from the host's own URL prefixes), and the plain
 * text derived from the sanitised HTML for search, CSV, e-mail text parts, desks and the news feed.
 *
 * <p>The OWASP jar has no module name and its two shim jars share a package, so on the module path it
 * stays on the class path: this class makes the core module read the unnamed module before any OWASP
 * type is touched (see {@link Owasp}).
 */
public final class RichText {

    /** The result: plain text always, sanitised HTML when the input was HTML. */
    public record Content(String plain, @Nullable String html) {}

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0]+");

    private static final java.util.Map<List<String>, RichText> BY_PREFIXES =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final PolicyFactory policy;

    /**
     * The sanitiser for these image prefixes, built once (a policy is immutable and thread-safe).
     *
     * @param imagePrefixes URL prefixes of the host's own attachments
     * @return the sanitiser
     */
    public static RichText of(List<String> imagePrefixes) {
        return BY_PREFIXES.computeIfAbsent(List.copyOf(imagePrefixes), RichText::new);
    }

    /**
     * A sanitiser that keeps images whose {@code src} starts with one of {@code imagePrefixes}.
     *
     * @param imagePrefixes URL prefixes of the host's own attachments; empty: no image is kept
     */
    public RichText(List<String> imagePrefixes) {
        Owasp.ensureReadable();
        List<String> prefixes = List.copyOf(imagePrefixes);
        HtmlPolicyBuilder b = new HtmlPolicyBuilder()
                .allowElements("p", "br", "b", "strong", "i", "em", "u", "ul", "ol", "li", "a")
                .allowUrlProtocols("http", "https", "mailto")
                .allowAttributes("href")
                .onElements("a")
                .requireRelsOnLinks("nofollow", "noopener");
        if (!prefixes.isEmpty()) {
            b.allowElements("img")
                    .allowAttributes("alt")
                    .onElements("img")
                    .allowAttributes("src")
                    .matching((element, attribute, value) -> ownImage(prefixes, value) ? value : null)
                    .onElements("img");
        }
        this.policy = b.toFactory();
    }

    static boolean ownImage(List<String> prefixes, String src) {
        String v = src.strip();
        if (v.contains("..") || v.contains("\\") || v.contains("%2e") || v.contains("%2E")) {
            return false;
        }
        return prefixes.stream().anyMatch(v::startsWith);
    }

    /**
     * Sanitises {@code html} and derives its plain text.
     *
     * @param html HTML from an editor
     * @return the sanitised HTML and its plain text
     */
    public Content sanitise(String html) {
        // OWASP writes the required rels in a set's order, which varies: store one spelling.
        String clean = policy.sanitize(html).replace("rel=\"noopener nofollow\"", "rel=\"nofollow noopener\"");
        return new Content(plainText(clean), clean);
    }

    /** The text of sanitised HTML: paragraphs and list items on their own lines, link targets kept. */
    static String plainText(String sanitised) {
        TextCollector collector = new TextCollector();
        HtmlSanitizer.sanitize(sanitised, collector);
        return collector.result();
    }

    /** Receives the events of already sanitised HTML and writes them as text. */
    private static final class TextCollector implements HtmlSanitizer.Policy {
        private final StringBuilder out = new StringBuilder();
        private final Deque<int[]> lists = new ArrayDeque<>(); // {0} for ul, {n} next number for ol
        private final Deque<String> links = new ArrayDeque<>(); // "" for a link without href (no null in a deque)
        private final Deque<Integer> linkStarts = new ArrayDeque<>();
        private int breaks; // line breaks owed before the next text
        private boolean space;

        @Override
        public void openDocument() {}

        @Override
        public void closeDocument() {}

        @Override
        public void openTag(String elementName, List<String> attrs) {
            switch (elementName.toLowerCase(Locale.ROOT)) {
                case "p" -> block(2);
                case "br" -> {
                    out.append('\n');
                    breaks = 0;
                    space = false;
                }
                case "ul" -> {
                    block(lists.isEmpty() ? 2 : 1);
                    lists.push(new int[] {0});
                }
                case "ol" -> {
                    block(lists.isEmpty() ? 2 : 1);
                    lists.push(new int[] {1});
                }
                case "li" -> {
                    block(1);
                    int[] list = lists.peek();
                    flushBreaks();
                    out.append("  ".repeat(Math.max(0, lists.size() - 1)));
                    out.append(list == null || list[0] == 0 ? "- " : (list[0]++) + ". ");
                    space = false;
                }
                case "a" -> {
                    String href = attribute(attrs, "href");
                    links.push(href == null ? "" : href);
                    linkStarts.push(out.length());
                }
                case "img" -> {
                    String alt = attribute(attrs, "alt");
                    text(alt == null || alt.isBlank() ? "[image]" : "[" + alt.strip() + "]");
                }
                default -> {}
            }
        }

        @Override
        public void closeTag(String elementName) {
            switch (elementName.toLowerCase(Locale.ROOT)) {
                case "p" -> block(2);
                case "li" -> block(1);
                case "ul", "ol" -> {
                    lists.poll();
                    block(lists.isEmpty() ? 2 : 1);
                }
                case "a" -> {
                    String href = links.poll();
                    Integer start = linkStarts.poll();
                    String label = start == null ? "" : out.substring(Math.min(start, out.length()));
                    if (href != null && !href.isBlank() && !label.strip().equals(href.strip())) {
                        String target = href.startsWith("mailto:") ? href.substring("mailto:".length()) : href;
                        if (!label.strip().equals(target.strip())) {
                            out.append(" (").append(target.strip()).append(')');
                        }
                    }
                }
                default -> {}
            }
        }

        @Override
        public void text(String textChunk) {
            String t = SPACES.matcher(textChunk).replaceAll(" ");
            if (t.isEmpty()) {
                return;
            }
            boolean leading = t.charAt(0) == ' ';
            boolean trailing = t.charAt(t.length() - 1) == ' ';
            String core = t.strip();
            if (core.isEmpty()) {
                space = out.length() > 0;
                return;
            }
            if (breaks > 0) {
                flushBreaks();
            } else if ((leading || space) && out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append(' ');
            }
            out.append(core);
            space = trailing;
        }

        private void block(int lines) {
            if (out.length() > 0) {
                breaks = Math.max(breaks, lines);
            }
            space = false;
        }

        private void flushBreaks() {
            if (out.length() > 0) {
                int have = 0;
                for (int i = out.length() - 1; i >= 0 && out.charAt(i) == '\n' && have < breaks; i--) {
                    have++;
                }
                out.append("\n".repeat(Math.max(0, breaks - have)));
            }
            breaks = 0;
        }

        private static @Nullable String attribute(List<String> attrs, String name) {
            for (int i = 0; i + 1 < attrs.size(); i += 2) {
                if (attrs.get(i).equalsIgnoreCase(name)) {
                    return attrs.get(i + 1);
                }
            }
            return null;
        }

        String result() {
            StringBuilder lines = new StringBuilder();
            for (String line : out.toString().split("\n", -1)) {
                lines.append(line.stripTrailing()).append('\n');
            }
            return lines.toString().strip();
        }
    }
}
