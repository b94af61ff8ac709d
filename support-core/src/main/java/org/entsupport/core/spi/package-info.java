/**
 * Ports the host or an adapter implements: the ticket store, the directory and the category catalogue.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core.spi;

import org.jspecify.annotations.NullMarked;
