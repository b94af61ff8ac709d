package org.entsupport.examples;

import java.util.List;
import java.util.UUID;
import org.entsupport.notify.Notifier;
import org.entsupport.tck.NotifierContract;

/** The example notifier keeps the notifier contract: the three lines the README shows. */
class TimelineNotifierContractTest extends NotifierContract {

    private final HostTimeline timeline = new HostTimeline();

    @Override
    protected Notifier createNotifier() {
        return new TimelineNotifier(timeline);
    }

    @Override
    protected List<UUID> deliveredIds() {
        return timeline.notificationIds();
    }
}
