/**
 * Notifiers bundled with the core: {@link org.entsupport.core.notify.LoggingNotifier}.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core.notify;

import org.jspecify.annotations.NullMarked;
