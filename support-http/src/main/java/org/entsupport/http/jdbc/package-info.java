/**
 * The adapter of support-jdbc's news feed to {@link org.entsupport.http.FeedSource}: only hosts that use
 * support-jdbc load it, which is why support-jdbc is an optional dependency of support-http.
 */
@NullMarked
package org.entsupport.http.jdbc;

import org.jspecify.annotations.NullMarked;
