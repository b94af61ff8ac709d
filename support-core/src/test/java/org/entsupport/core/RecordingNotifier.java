package org.entsupport.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.entsupport.notify.DeliveryException;
import org.entsupport.notify.Notification;
import org.entsupport.notify.Notifier;

/** A notifier that records what it receives, and fails on demand. */
class RecordingNotifier implements Notifier {

    final List<Notification> received = new CopyOnWriteArrayList<>();
    final AtomicInteger calls = new AtomicInteger();
    private final String name;
    volatile int failuresLeft;
    volatile boolean permanent;

    RecordingNotifier(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        calls.incrementAndGet();
        if (permanent) {
            throw DeliveryException.permanent("address refused by " + name, null);
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            throw DeliveryException.retryable(name + " is down", null);
        }
        received.add(n);
    }
}
