package org.entsupport.notify.email;

/** How the connection to the SMTP server is protected. */
public enum SmtpSecurity {
    /** Plain text, no TLS: only for a relay on the same host or a test server. Default port 25. */
    NONE(25),
    /** Plain connection upgraded with STARTTLS, which the server must offer. Default port 587. */
    STARTTLS(587),
    /** TLS from the first byte ("SMTPS", implicit TLS). Default port 465. */
    SSL(465);

    private final int defaultPort;

    SmtpSecurity(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    /**
     * The usual port for this mode: 25, 587 or 465.
     *
     * @return the usual port for this mode: 25, 587 or 465
     */
    public int defaultPort() {
        return defaultPort;
    }
}
