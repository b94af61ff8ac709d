/**
 * The jOOQ classes generated at build time from {@code db/migration/postgresql} (never edited by
 * hand). Nullness follows the columns, so this package is not {@code @NullMarked}.
 */
@NullUnmarked
package org.entsupport.jdbc.internal.schema;

import org.jspecify.annotations.NullUnmarked;
