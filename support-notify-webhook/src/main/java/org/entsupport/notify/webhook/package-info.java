/**
 * The webhook notifier: {@link org.entsupport.notify.webhook.WebhookNotifier}, and the helpers a
 * receiver uses to check the signature.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.notify.webhook;

import org.jspecify.annotations.NullMarked;
