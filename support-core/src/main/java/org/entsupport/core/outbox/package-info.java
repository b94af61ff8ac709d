/**
 * The transactional outbox: every change writes the work it causes (notifications, desk calls) as
 * rows in the same transaction; an {@link org.entsupport.core.outbox.OutboxRelay} delivers them after
 * commit, with retries and back-off, so nothing is lost and nothing blocks the request.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core.outbox;

import org.jspecify.annotations.NullMarked;
