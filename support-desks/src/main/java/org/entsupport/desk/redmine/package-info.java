/**
 * The Redmine connector: {@link org.entsupport.desk.redmine.RedmineDesk}.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.desk.redmine;

import org.jspecify.annotations.NullMarked;
