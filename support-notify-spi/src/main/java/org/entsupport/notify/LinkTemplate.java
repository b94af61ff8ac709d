package org.entsupport.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host-configured address of a request's page, with an {@code {id}} placeholder for the
 * request's id. Validated when created: it must contain {@code {id}}, no other placeholder, and
 * expand to an absolute {@code http} or {@code https} URI.
 *
 * <pre>{@code
 * LinkTemplate links = LinkTemplate.of("https://ent.example/support#/ticket/{id}");
 * String link = links.expand(42); // https://ent.example/support#/ticket/42
 * }</pre>
 *
 * @param template the template, such as {@code https://ent.example/support#/ticket/{id}}
 */
public record LinkTemplate(String template) {

    /** The placeholder replaced by the request's id. */
    public static final String ID_PLACEHOLDER = "{id}";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

    /**
     * Validates the template.
     *
     * @param template the template, such as {@code https://ent.example/support#/ticket/{id}}
     */
    public LinkTemplate {
        Checks.notBlank("linkTemplate", template);
        if (!template.equals(template.strip())) {
            throw new IllegalArgumentException(
                    "linkTemplate must not start or end with whitespace, but was '" + template + "'");
        }
        if (!template.contains(ID_PLACEHOLDER)) {
            throw new IllegalArgumentException(
                    "linkTemplate must contain the placeholder {id}, but was '" + template + "'");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!m.group().equals(ID_PLACEHOLDER)) {
                throw new IllegalArgumentException("linkTemplate may only contain the placeholder {id}, but contained "
                        + m.group() + " in '" + template + "'");
            }
        }
        checkLink("linkTemplate", template.replace(ID_PLACEHOLDER, "1"), template);
    }

    /**
     * Parses and validates a template.
     *
     * @param template such as {@code https://ent.example/support#/ticket/{id}}
     * @return the template
     * @throws IllegalArgumentException naming what is wrong
     */
    public static LinkTemplate of(String template) {
        return new LinkTemplate(template);
    }

    /**
     * The link to one request.
     *
     * @param ticketId the request's id, positive
     * @return the template with every {@code {id}} replaced by {@code ticketId}
     */
    public String expand(long ticketId) {
        if (ticketId <= 0) {
            throw new IllegalArgumentException("ticketId must be positive, but was " + ticketId);
        }
        return template.replace(ID_PLACEHOLDER, Long.toString(ticketId));
    }

    /** Checks that {@code link} is an absolute http(s) URI with a host; {@code shown} is what the message quotes. */
    static void checkLink(String property, String link, String shown) {
        Objects.requireNonNull(link, property);
        URI uri;
        try {
            uri = new URI(link);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    property + " must be a valid URI, but was '" + shown + "': " + e.getReason() + " at index "
                            + e.getIndex(),
                    e);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException(
                    property + " must be an absolute http or https URI, but was '" + shown + "'");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException(property + " must name a host, but was '" + shown + "'");
        }
    }
}
