/**
 * How files are checked and kept: sniffing, limits, scanning, clean-up. Not exported; may change in any
 * release.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core.attachment.internal;

import org.jspecify.annotations.NullMarked;
