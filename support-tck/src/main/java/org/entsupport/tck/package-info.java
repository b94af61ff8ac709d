/**
 * Contract test kits: abstract JUnit 5 classes that every implementation of an SPI runs through a
 * small subclass (support desk, ticket store, notifier).
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.tck;

import org.jspecify.annotations.NullMarked;
