/**
 * Implementation shared by the connectors: the HTTP client with its error mapping, redirect and
 * credential rules, markers and text helpers. Not exported; may change at any time.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.desk.internal;

import org.jspecify.annotations.NullMarked;
