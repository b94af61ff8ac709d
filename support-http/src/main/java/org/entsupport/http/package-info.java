/**
 * The framework-neutral HTTP API: {@link org.entsupport.http.SupportHttp} and its request and response
 * values, and the ports a host implements ({@link org.entsupport.http.ActorResolver}) or may replace
 * ({@link org.entsupport.http.FeedSource}).
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.http;

import org.jspecify.annotations.NullMarked;
