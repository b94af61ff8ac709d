/**
 * The Vert.x binding: {@link org.entsupport.vertx.SupportRouter} mounts support-http's handlers on a
 * {@code Router}; {@link org.entsupport.vertx.EventBusNotifier} publishes notifications on the event bus.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.vertx;

import org.jspecify.annotations.NullMarked;
