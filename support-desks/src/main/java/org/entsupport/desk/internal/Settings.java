package org.entsupport.desk.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** Validation of connector settings, with messages naming the property, the limit and the value. */
public final class Settings {

    private Settings() {}

    /** Requires {@code min <= value <= max}. */
    public static Duration requireBetween(String name, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
        }
        return value;
    }

    /** Requires {@code min <= value <= max}. */
    public static int requireBetween(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", but was " + value);
        }
        return value;
    }

    /** Requires a non-blank string. */
    public static String requireText(String name, String value) {
        Objects.requireNonNull(value, name + " must be set");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Requires an absolute http(s) URL without query or fragment, and returns it without a trailing slash. */
    public static URI requireBaseUrl(String name, String value) {
        requireText(name, value);
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " must be an http or https URL, but was '" + value + "'", e);
        }
        if (uri.getScheme() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null
                || uri.getRawQuery() != null
                || uri.getRawFragment() != null
                || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(
                    name + " must be an http or https URL without user, query or fragment, but was '" + value + "'");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /** URL-encodes a query value. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Requires an idempotency key of 1..255 characters. */
    public static String requireKey(String key) {
        Objects.requireNonNull(key, "idempotencyKey");
        if (key.isBlank() || key.length() > 255) {
            throw new IllegalArgumentException("idempotencyKey must have 1 to 255 characters, but had " + key.length());
        }
        return key;
    }
}
