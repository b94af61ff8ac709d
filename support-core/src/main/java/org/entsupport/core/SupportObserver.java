package org.entsupport.core;

/**
 * Tells the host about situations that need a person's attention but refuse nothing, such as a school where
 * nobody can answer requests. Every method has a default that does nothing: implement those you care about.
 *
 * <pre>{@code
 * Support.builder().observer(new SupportObserver() {
 *     @Override
 *     public void schoolWithoutAdmin(SchoolWithoutAdmin event) {
 *         platformAlerts.raise("No référent in " + event.school() + " (request n°" + event.ticketId() + ")");
 *     }
 * });
 * }</pre>
 *
 * <p>Called on the caller's thread once the change is committed. An exception thrown here is logged and
 * ignored: it never undoes nor fails the operation.
 */
public interface SupportObserver {

    /**
     * A request was filed in a school that has no local administrator (the {@link org.entsupport.core.spi.Directory}
     * names none): nobody is notified of it. The library also logs a warning.
     *
     * @param event the school and the request
     */
    default void schoolWithoutAdmin(SchoolWithoutAdmin event) {}

    /**
     * An observer that ignores everything (the default).
     *
     * @return an observer that ignores everything
     */
    static SupportObserver none() {
        return new SupportObserver() {};
    }
}
