package org.entsupport.tck;

import java.util.List;
import java.util.UUID;
import org.entsupport.core.notify.LoggingNotifier;
import org.entsupport.notify.Notifier;
import org.slf4j.event.Level;

/** The logging notifier keeps the notifier contract (and the contract runs against a real notifier). */
class LoggingNotifierContractTest extends NotifierContract {

    private final RecordingLogger logger = new RecordingLogger(false);

    @Override
    protected Notifier createNotifier() {
        return new LoggingNotifier(logger);
    }

    @Override
    protected List<UUID> deliveredIds() {
        return logger.at(Level.INFO).stream().map(e -> (UUID) e.arguments()[0]).toList();
    }
}
