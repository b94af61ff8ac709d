/**
 * In-memory adapters, for tests, examples and single-process hosts that need no persistence.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core.memory;

import org.jspecify.annotations.NullMarked;
