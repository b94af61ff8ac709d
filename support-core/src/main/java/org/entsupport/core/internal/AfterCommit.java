package org.entsupport.core.internal;

import org.entsupport.core.outbox.OutboxRelay;
import org.jspecify.annotations.Nullable;

/**
 * Wakes the outbox relay after a change is committed, so its notifications and desk commands leave at
 * once rather than at the next poll. The relay is built after the capabilities that call this hook (its
 * handlers need the same context), so it is bound once, by {@link Capabilities#assemble}.
 */
public final class AfterCommit {

    private volatile @Nullable OutboxRelay relay;

    /** Binds the relay to wake; once. */
    void bind(OutboxRelay value) {
        if (relay != null) {
            throw new IllegalStateException("the after-commit hook is already bound to a relay");
        }
        relay = value;
    }

    /** Wakes the relay if it runs in the background; does nothing before it is bound or started. */
    public void run() {
        OutboxRelay r = relay;
        if (r != null && r.isRunning()) {
            r.wakeUp();
        }
    }
}
