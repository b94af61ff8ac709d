package org.entsupport.desk.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.entsupport.core.desk.InstallationId;
import org.entsupport.core.desk.StatusChange;
import org.entsupport.core.model.TicketStatus;
import org.jspecify.annotations.Nullable;

/**
 * The markers a connector writes on the desk, and the exact form of the notes it posts.
 *
 * <ul>
 *   <li>issue: {@code [ENT-k3f9q2xa-42]} (prefix, installation, ticket id); {@code [ENT-42]} without
 *       an installation, as earlier versions wrote it and as a connector not bound to an installation
 *       still writes it;</li>
 *   <li>forwarded comment: {@code <author> wrote:\n\n<text>\n\n[ENT-k3f9q2xa-comment-7]};</li>
 *   <li>status note: {@code <one sentence>\n\n[ENT-k3f9q2xa-status-12]}.</li>
 * </ul>
 *
 * <p>A note is ours (an echo) only when it is exactly in one of these forms, the marker last, with
 * this installation (or none, when {@linkplain #readsLegacy() legacy markers are read}); the caller
 * also checks that the connector's own desk account wrote it. A note that quotes ours (Redmine's
 * Quote button starts every line with {@code "> "} and adds the agent's text after) is not.
 * Immutable.
 */
public final class Markers {

    private static final String TICKET = "(\\d{1,18})";

    /** The installation and ticket an issue marker names. */
    public record IssueMark(@Nullable InstallationId installation, long ticketId) {}

    private final String prefix;
    private final @Nullable InstallationId installation;
    private final boolean readLegacy;
    private final Pattern issue;
    private final Pattern commentNote;
    private final Pattern statusNote;

    /**
     * Markers with the given prefix.
     *
     * @param prefix       a letter then up to 19 letters, digits or {@code _}
     * @param installation the installation written into new markers, or {@code null} for none
     * @param readLegacy   whether markers without an installation are read as this installation's
     * @throws IllegalArgumentException naming the property when the prefix is invalid
     */
    public Markers(String prefix, @Nullable InstallationId installation, boolean readLegacy) {
        Objects.requireNonNull(prefix, "markerPrefix");
        if (!prefix.matches("[A-Za-z][A-Za-z0-9_]{0,19}")) {
            throw new IllegalArgumentException(
                    "markerPrefix must be a letter then up to 19 letters, digits or _, but was '" + prefix + "'");
        }
        this.prefix = prefix;
        this.installation = installation;
        this.readLegacy = readLegacy;
        String p = Pattern.quote(prefix);
        this.issue = Pattern.compile(
                "\\[" + p + "-(?:(?!comment-|status-)(" + InstallationId.PATTERN + ")-)?" + TICKET + "\\]");
        // our own installation, or none when legacy markers are read (or when we write none)
        String mine = installation == null
                ? ""
                : readLegacy
                        ? "(?:" + Pattern.quote(installation.value()) + "-)?"
                        : Pattern.quote(installation.value()) + "-";
        this.commentNote = Pattern.compile(
                "\\A[^>\\n][^\\n]* wrote:\\n\\n.*\\n\\n\\[" + p + "-" + mine + "comment-" + TICKET + "\\]\\z",
                Pattern.DOTALL);
        this.statusNote = Pattern.compile(
                "\\A[^>\\n][^\\n]* in Aide & Support \\(it was [a-z ]+\\)\\.\\n\\n\\[" + p + "-" + mine + "status-"
                        + TICKET + "\\]\\z",
                Pattern.DOTALL);
    }

    /** The same markers for another installation. */
    public Markers forInstallation(InstallationId value) {
        return new Markers(prefix, Objects.requireNonNull(value, "installation"), readLegacy);
    }

    /** The installation written into new markers, if any. */
    public Optional<InstallationId> installation() {
        return Optional.ofNullable(installation);
    }

    /** Whether markers without an installation are read as this installation's. */
    public boolean readsLegacy() {
        return readLegacy;
    }

    /** The prefix, such as {@code ENT}. */
    public String prefix() {
        return prefix;
    }

    /** {@code ENT-k3f9q2xa-42}: the issue marker without brackets (Zendesk's {@code external_id}). */
    public String key(long ticketId) {
        return prefix + "-" + (installation == null ? "" : installation.value() + "-") + ticketId;
    }

    /** {@code [ENT-k3f9q2xa-42]}. */
    public String issue(long ticketId) {
        return "[" + key(ticketId) + "]";
    }

    /** {@code [ENT-k3f9q2xa-comment-7]}. */
    public String comment(long commentId) {
        return "[" + prefix + "-" + (installation == null ? "" : installation.value() + "-") + "comment-" + commentId
                + "]";
    }

    /** {@code [ENT-k3f9q2xa-status-12]}. */
    public String status(long changeId) {
        return "[" + prefix + "-" + (installation == null ? "" : installation.value() + "-") + "status-" + changeId
                + "]";
    }

    /**
     * The first issue marker in {@code text}, whoever's it is.
     *
     * @param text a subject, a description, an external id wrapped in brackets
     * @return the installation and ticket it names
     */
    public Optional<IssueMark> findIssue(String text) {
        Matcher m = issue.matcher(text);
        return m.find() ? Optional.of(mark(m)) : Optional.empty();
    }

    /** The issue marker that {@code text} starts with (after blanks), whoever's it is. */
    public Optional<IssueMark> leadingIssue(String text) {
        Matcher m = issue.matcher(text.stripLeading());
        return m.lookingAt() ? Optional.of(mark(m)) : Optional.empty();
    }

    /** The issue marker that {@code text} is exactly (Zendesk's {@code external_id} without brackets). */
    public Optional<IssueMark> exactKey(String text) {
        Matcher m = issue.matcher("[" + text + "]");
        return m.matches() ? Optional.of(mark(m)) : Optional.empty();
    }

    private static IssueMark mark(Matcher m) {
        return new IssueMark(m.group(1) == null ? null : InstallationId.of(m.group(1)), Long.parseLong(m.group(2)));
    }

    /** Whether a marker is this installation's: it names it, or names none and legacy markers are read. */
    public boolean isOurs(IssueMark mark) {
        if (mark.installation() == null) {
            return installation == null || readLegacy;
        }
        return mark.installation().equals(installation);
    }

    /**
     * {@code <author> wrote:\n\n<text>\n\n<marker>}: the note that forwards one of our comments. The
     * author is put on one line; the text is kept as it is (whatever it contains: the marker last is
     * the one that counts).
     */
    public String commentNote(String authorName, String body, long commentId) {
        return DeskText.oneLine(authorName) + " wrote:\n\n" + normalise(body).strip() + "\n\n" + comment(commentId);
    }

    /** {@code <sentence>\n\n<marker>}: the note that tells the agents about a status change of ours. */
    public String statusNote(StatusChange change) {
        return sentence(change) + "\n\n" + status(change.changeId());
    }

    /**
     * Our comment id, when {@code note} is exactly in the form {@link #commentNote} writes, with this
     * installation's marker last.
     */
    public OptionalLong echoedComment(String note) {
        Matcher m = commentNote.matcher(normalise(note).strip());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** Our change id, when {@code note} is exactly in the form {@link #statusNote} writes. */
    public OptionalLong echoedStatus(String note) {
        Matcher m = statusNote.matcher(normalise(note).strip());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /** Whether {@code note} is exactly one of the forms we post (a forwarded comment or a status note). */
    public boolean isOurForm(String note) {
        return echoedComment(note).isPresent() || echoedStatus(note).isPresent();
    }

    private static String normalise(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    /** The sentence of a status note, in English (the desk's agents read it). */
    static String sentence(StatusChange c) {
        String who = DeskText.oneLine(c.actorName()) + (c.byRequester() ? " (requester)" : "");
        String what = switch (c.to()) {
            case RESOLVED -> "marked the request as resolved";
            case CLOSED -> "closed the request";
            case OPENED -> c.isReopening() ? "reopened the request" : "set the request back to in progress";
            case WAITING -> "set the request to waiting for the requester";
            case NEW -> "set the request back to new";
        };
        return who + " " + what + " in Aide & Support (it was " + label(c.from()) + ").";
    }

    private static String label(TicketStatus s) {
        return switch (s) {
            case NEW -> "new";
            case OPENED -> "in progress";
            case RESOLVED -> "resolved";
            case CLOSED -> "closed";
            case WAITING -> "waiting for the requester";
        };
    }

    @Override
    public String toString() {
        return "Markers[" + prefix + (installation == null ? "" : "-" + installation) + "]";
    }
}
