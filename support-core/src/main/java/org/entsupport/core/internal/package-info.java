/**
 * Implementation details. Not exported; may change in any release.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core.internal;

import org.jspecify.annotations.NullMarked;
