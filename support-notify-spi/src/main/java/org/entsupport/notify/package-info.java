/**
 * The notifier SPI: a {@link org.entsupport.notify.Notifier} receives
 * {@link org.entsupport.notify.Notification}s after the change that caused them has committed.
 *
 * <p>Every type here is non-null by default: no method accepts or returns {@code null} unless its
 * Javadoc says so.
 */
package org.entsupport.notify;
