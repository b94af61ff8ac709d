package org.entsupport.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a {@link Notification} for people, in French or English: a subject, a plain-text body
 * and an HTML body with the same content. Any notifier may call it; it is thread-safe.
 *
 * <pre>{@code
 * RenderedMessage m = NotificationMessages.render(notification, recipient.locale());
 * // m.subject(): "[Aide et support] Nouvelle demande n°42 : Impossible de publier"
 * }</pre>
 *
 * <p>French locales ({@code fr}, {@code fr-FR}, {@code fr-CA}, ...) get French; every other
 * locale gets English, whatever the JVM's default locale. The texts come from {@link SupportTexts},
 * the library's one source of words, so a status is named here as everywhere else. Parameter values are plain text: the HTML body escapes every one of them, and the subject
 * folds line breaks and control characters into spaces.
 */
public final class NotificationMessages {

    /** Subject titles longer than this are shortened with an ellipsis. */
    static final int MAX_TITLE_LENGTH = 150;

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]");
    private static final Pattern LINE_BREAKS_AND_CONTROLS = Pattern.compile("[\\p{Cntrl}\\s]+");

    private NotificationMessages() {}

    /**
     * Renders {@code notification} in the language of {@code locale}.
     *
     * @param notification what to render
     * @param locale       French locales give French, others English
     * @return the subject and the text and HTML bodies
     */
    public static RenderedMessage render(Notification notification, Locale locale) {
        Objects.requireNonNull(notification, "notification");
        Properties texts = SupportTexts.texts(Objects.requireNonNull(locale, "locale"));
        return new Renderer(notification, texts, language(locale)).render();
    }

    /**
     * Renders {@code notification} in the language of {@code recipient}.
     *
     * @param notification what to render
     * @param recipient    whose {@link Recipient#locale()} chooses the language
     * @return the subject and the text and HTML bodies
     */
    public static RenderedMessage render(Notification notification, Recipient recipient) {
        return render(notification, recipient.locale());
    }

    /**
     * The language messages are rendered in for {@code locale}.
     *
     * @param locale any locale
     * @return {@link Locale#FRENCH} for French locales, else {@link Locale#ENGLISH}
     */
    public static Locale language(Locale locale) {
        return isFrench(locale) ? Locale.FRENCH : Locale.ENGLISH;
    }

    /**
     * Escapes text for HTML element content and quoted attribute values.
     *
     * @param text plain text
     * @return the text with {@code & < > " '} replaced by character references
     */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The keys of the English and French texts, for tests that compare them. */
    static Set<String> keys(Locale locale) {
        return SupportTexts.keys(locale);
    }

    private static boolean isFrench(Locale locale) {
        return "fr".equals(locale.getLanguage());
    }

    /** One rendering: collects the lines once, then writes them as text and as HTML. */
    private static final class Renderer {
        private final Notification n;
        private final Properties texts;
        private final Locale language;

        Renderer(Notification n, Properties texts, Locale language) {
            this.n = n;
            this.texts = texts;
            this.language = language;
        }

        RenderedMessage render() {
            String code = n.type().code();
            Map<String, String> values = Map.of(
                    "number", oneLine(n.ticketNumber()),
                    "actor", oneLine(n.actorName()),
                    "school", oneLine(n.schoolLabel()),
                    "desk",
                            n.parameter(NotificationParameters.DESK)
                                    .map(Renderer::oneLine)
                                    .filter(s -> !s.isEmpty())
                                    .orElseGet(() -> text("desk.default")),
                    "link", n.link());
            String summary = format(text(code + ".summary"), values);
            String headline = format(text(code + ".headline"), values);

            Optional<String> title = n.parameter(NotificationParameters.SUBJECT)
                    .map(Renderer::oneLine)
                    .filter(s -> !s.isEmpty());
            String subject = title.map(t -> format(
                            text("subject.with-title"),
                            Map.of("prefix", text("prefix"), "summary", summary, "title", shorten(t))))
                    .orElseGet(() -> format(
                            text("subject.without-title"), Map.of("prefix", text("prefix"), "summary", summary)));

            List<String[]> details = new ArrayList<>();
            title.ifPresent(t -> details.add(new String[] {text("label.subject"), t}));
            details.add(new String[] {text("label.school"), oneLine(n.schoolLabel())});
            status().ifPresent(s -> details.add(new String[] {text("label.status"), s}));
            n.parameter(NotificationParameters.DESK)
                    .map(Renderer::oneLine)
                    .filter(s -> !s.isEmpty())
                    .ifPresent(d -> details.add(new String[] {text("label.desk"), d}));
            n.parameter(NotificationParameters.REASON)
                    .map(Renderer::oneLine)
                    .filter(s -> !s.isEmpty())
                    .ifPresent(r -> details.add(new String[] {text("label.reason"), r}));
            Optional<String> comment = n.parameter(NotificationParameters.COMMENT)
                    .map(Renderer::multiLine)
                    .filter(s -> !s.isBlank());

            return new RenderedMessage(
                    subject, text(headline, details, comment, values), html(subject, headline, details, comment));
        }

        private String text(
                String headline, List<String[]> details, Optional<String> comment, Map<String, String> values) {
            StringBuilder out = new StringBuilder();
            out.append(headline).append("\n\n");
            for (String[] d : details) {
                out.append(d[0]).append(' ').append(d[1]).append('\n');
            }
            comment.ifPresent(c -> {
                out.append('\n').append(text("label.comment")).append('\n');
                for (String line : c.split("\n", -1)) {
                    out.append("> ").append(line).append('\n');
                }
            });
            out.append('\n').append(format(text("link.line"), values)).append("\n\n");
            out.append("-- \n").append(text("footer")).append('\n');
            return out.toString();
        }

        private String html(String subject, String headline, List<String[]> details, Optional<String> comment) {
            StringBuilder out = new StringBuilder(1024);
            out.append("<!DOCTYPE html>\n<html lang=\"")
                    .append(language.getLanguage())
                    .append("\">\n<head>\n")
                    .append("<meta charset=\"UTF-8\">\n<title>")
                    .append(escapeHtml(subject))
                    .append("</title>\n")
                    .append("</head>\n<body>\n");
            out.append("<p>").append(escapeHtml(headline)).append("</p>\n");
            out.append("<ul>\n");
            for (String[] d : details) {
                out.append("<li><strong>")
                        .append(escapeHtml(d[0]))
                        .append("</strong> ")
                        .append(escapeHtml(d[1]))
                        .append("</li>\n");
            }
            out.append("</ul>\n");
            comment.ifPresent(c -> out.append("<p><strong>")
                    .append(escapeHtml(text("label.comment")))
                    .append("</strong></p>\n<blockquote>")
                    .append(String.join("<br>\n", escapeHtml(c).split("\n", -1)))
                    .append("</blockquote>\n"));
            out.append("<p><a href=\"")
                    .append(escapeHtml(n.link()))
                    .append("\">")
                    .append(escapeHtml(text("link.text")))
                    .append("</a></p>\n");
            out.append("<hr>\n<p><small>").append(escapeHtml(text("footer"))).append("</small></p>\n");
            out.append("</body>\n</html>\n");
            return out.toString();
        }

        private Optional<String> status() {
            Optional<String> to = n.parameter(NotificationParameters.TO_STATUS)
                    .map(String::strip)
                    .filter(s -> !s.isEmpty());
            if (to.isEmpty()) {
                return Optional.empty();
            }
            String toLabel = statusLabel(to.get());
            return Optional.of(n.parameter(NotificationParameters.FROM_STATUS)
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .map(from -> statusLabel(from) + " \u2192 " + toLabel)
                    .orElse(toLabel));
        }

        private String statusLabel(String status) {
            String label = texts.getProperty("status." + status);
            return label != null ? label : oneLine(status);
        }

        private String text(String key) {
            String value = texts.getProperty(key);
            if (value == null) {
                throw new IllegalStateException("No " + language.getDisplayLanguage(Locale.ENGLISH) + " text for key '"
                        + key + "' in support-notify-spi's messages");
            }
            return value;
        }

        private static String format(String template, Map<String, String> values) {
            Matcher m = PLACEHOLDER.matcher(template);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String value = values.get(m.group(1));
                if (value == null) {
                    throw new IllegalStateException("Unknown placeholder {" + m.group(1) + "} in '" + template + "'");
                }
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        private static String oneLine(String value) {
            return LINE_BREAKS_AND_CONTROLS.matcher(value).replaceAll(" ").strip();
        }

        private static String multiLine(String value) {
            String unified = value.replace("\r\n", "\n").replace('\r', '\n');
            return CONTROL.matcher(unified).replaceAll("").strip();
        }

        private static String shorten(String title) {
            if (title.codePointCount(0, title.length()) <= MAX_TITLE_LENGTH) {
                return title;
            }
            int end = title.offsetByCodePoints(0, MAX_TITLE_LENGTH - 1);
            return title.substring(0, end).stripTrailing() + "\u2026";
        }
    }
}
