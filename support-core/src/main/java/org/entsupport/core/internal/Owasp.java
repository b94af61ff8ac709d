package org.entsupport.core.internal;

/**
 * Lets the core module read the OWASP Java HTML Sanitizer wherever the host put it. The sanitizer's jar
 * has no module name and its two shim jars split the package {@code org.owasp.shim}, so a host on the
 * module path keeps them on the class path (a filename-based automatic module would also make its build
 * warn "don't publish"); a named module does not read the class path unless it asks, which this class does
 * once, before any OWASP type is resolved. On the class path it does nothing.
 */
final class Owasp {

    private static volatile boolean done;

    private Owasp() {}

    static void ensureReadable() {
        if (done) {
            return;
        }
        Module self = Owasp.class.getModule();
        if (self.isNamed()) {
            try {
                Module owasp = Class.forName("org.owasp.html.PolicyFactory", false, Owasp.class.getClassLoader())
                        .getModule();
                self.addReads(owasp);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(
                        "The OWASP Java HTML Sanitizer (com.googlecode.owasp-java-html-sanitizer:"
                                + "owasp-java-html-sanitizer and its java8-shim) is missing from the class path;"
                                + " support-core needs it to sanitise rich text",
                        e);
            }
        }
        done = true;
    }
}
