/**
 * The Zendesk connector: {@link org.entsupport.desk.zendesk.ZendeskDesk}.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.desk.zendesk;

import org.jspecify.annotations.NullMarked;
