/**
 * Implementation of the JDBC store: the jOOQ queries, the transaction boundary, error translation,
 * migrations and pools. Not exported; may change in any release.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.jdbc.internal;

import org.jspecify.annotations.NullMarked;
