package org.entsupport.core.notify;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps what it is given, for assertions. */
final class RecordingLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    /** One call. */
    record Entry(Level level, String message, Object[] arguments) {}

    final transient List<Entry> entries = new CopyOnWriteArrayList<>();
    private final boolean debug;

    RecordingLogger(boolean debug) {
        this.name = "recording";
        this.debug = debug;
    }

    List<Entry> at(Level level) {
        return entries.stream().filter(e -> e.level() == level).toList();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
            Level level, Marker marker, String pattern, Object[] arguments, Throwable throwable) {
        entries.add(new Entry(
                level,
                MessageFormatter.basicArrayFormat(pattern, arguments),
                arguments == null ? new Object[0] : arguments.clone()));
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return debug;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }
}
