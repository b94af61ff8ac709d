package org.entsupport.notify;

/**
 * A notification rendered for people, in one language.
 *
 * @param subject  one line, no line breaks, such as
 *                 {@code [Aide et support] Nouvelle demande n°42 : Impossible de publier}
 * @param textBody the plain-text body, lines separated by {@code \n}
 * @param htmlBody a complete HTML document with the same content, every parameter escaped
 */
public record RenderedMessage(String subject, String textBody, String htmlBody) {

    /**
     * Checks that no part is null and that the subject is a single line.
     *
     * @param subject one line, no line breaks, such as {@code [Aide et support] Nouvelle demande n°42 : Impossible
     *         de publier}
     * @param textBody the plain-text body, lines separated by {@code \n}
     * @param htmlBody a complete HTML document with the same content, every parameter escaped
     */
    public RenderedMessage {
        Checks.notBlank("subject", subject);
        Checks.singleLine("subject", subject);
        Checks.notBlank("textBody", textBody);
        Checks.notBlank("htmlBody", htmlBody);
    }
}
