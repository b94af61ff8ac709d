/**
 * The support-desk SPI: how the library hands a request over to an external desk (Redmine,
 * Zendesk, ...), forwards later comments, and reads the desk's answers back.
 *
 * <p>{@link org.entsupport.core.desk.SupportDesk} is the contract a connector implements; the other
 * types are the values it exchanges. Connectors live in {@code support-desks}; an in-memory desk for
 * tests is {@link org.entsupport.core.memory.InMemorySupportDesk}. Run {@code SupportDeskContract}
 * from {@code support-tck} against any new connector.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core.desk;

import org.jspecify.annotations.NullMarked;
