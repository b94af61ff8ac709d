package org.entsupport.core;

/**
 * How a host hands over a description or a comment.
 *
 * <ul>
 *   <li>{@link #PLAIN} (the default): text as the user typed it. It is stored as written, {@code x < y} and
 *       {@code <jean@ac-paris.fr>} included, and escaped wherever the library shows it as HTML.
 *   <li>{@link #HTML}: what a rich-text editor sends. It is sanitised to a small allow-list (paragraphs, line
 *       breaks, bold, italic, underline, lists, links to http, https and mailto with
 *       {@code rel="nofollow noopener"}, images only from {@link SupportSettings#imageUrlPrefixes()}); the
 *       sanitised HTML is stored beside a plain-text version derived from it, which search, CSV, e-mail
 *       text parts, desks and the news feed use.
 * </ul>
 *
 * <p>Subjects, categories and names are always plain text. In either format, control characters (but new
 * lines and tabs) and bidirectional overrides are refused.
 */
public enum TextFormat {
    /** Plain text, stored as written. */
    PLAIN,
    /** HTML from a rich-text editor, sanitised before it is stored. */
    HTML
}
