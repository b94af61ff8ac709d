/**
 * Domain values: tickets, comments, attachments, history events, statuses and the status workflow.
 *
 * <p>Non-null by default: no method accepts or returns {@code null} unless marked {@code @Nullable}.
 */
@NullMarked
package org.entsupport.core.model;

import org.jspecify.annotations.NullMarked;
