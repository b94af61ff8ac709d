package org.entsupport.desk.zendesk;

/** Placeholder. */
public final class ZendeskDesk {
    private ZendeskDesk() {
    }
}
