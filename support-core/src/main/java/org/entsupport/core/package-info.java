/**
 * The API of Aide &amp; Support: the {@link org.entsupport.core.Support} facade, the acting {@link org.entsupport.core.Actor}, requests, queries, settings and exceptions.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core;

import org.jspecify.annotations.NullMarked;
