/**
 * The e-mail notifier: {@link org.entsupport.notify.email.EmailNotifier} and its settings.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.notify.email;

import org.jspecify.annotations.NullMarked;
