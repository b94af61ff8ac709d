package org.entsupport.core.attachment.internal;

import org.jspecify.annotations.Nullable;

/**
 * Checks, chunk by chunk, that bytes are strict UTF-8 (no overlong form, no surrogate, nothing above
 * U+10FFFF) without control characters other than tab, CR and LF (C0, DEL and C1 are refused). Keeps a
 * few bytes of state only, so a file of any size is checked in constant memory.
 */
public final class Utf8TextCheck {

    private long offset;
    private int pending;
    private int codePoint;
    private int minimum;
    private int sequenceStart;
    private @Nullable String error;
    private @Nullable String markup;
    private int previous = ' ';
    private int handlerState;
    private int handlerLetters;

    /** Feeds the next bytes. Stops looking once an error was found. */
    public void update(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length && error == null; i++, offset++) {
            int b = bytes[i] & 0xFF;
            if (markup == null) {
                scanMarkup(b);
            }
            if (pending > 0) {
                if ((b & 0xC0) != 0x80) {
                    error = "invalid UTF-8 at byte " + offset;
                    return;
                }
                codePoint = (codePoint << 6) | (b & 0x3F);
                if (--pending == 0) {
                    finishCodePoint();
                }
            } else if (b < 0x80) {
                if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) {
                    error = String.format("control character U+%04X at byte %d", b, offset);
                }
            } else if (b >= 0xC2 && b <= 0xDF) {
                start(b & 0x1F, 1, 0x80);
            } else if (b >= 0xE0 && b <= 0xEF) {
                start(b & 0x0F, 2, 0x800);
            } else if (b >= 0xF0 && b <= 0xF4) {
                start(b & 0x07, 3, 0x10000);
            } else {
                error = "invalid UTF-8 at byte " + offset;
            }
        }
    }

    private void start(int bits, int continuation, int min) {
        codePoint = bits;
        pending = continuation;
        minimum = min;
        sequenceStart = (int) Math.min(Integer.MAX_VALUE, offset);
    }

    private void finishCodePoint() {
        if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
            error = "invalid UTF-8 at byte " + sequenceStart;
        } else if (codePoint >= 0x80 && codePoint <= 0x9F) {
            error = String.format("control character U+%04X at byte %d", codePoint, sequenceStart);
        }
    }

    /**
     * Looks for HTML in the text, one byte at a time: an element or comment ({@code <} followed by a letter,
     * {@code /}, {@code !} or {@code ?}) and an event handler attribute ({@code on} + letters + {@code =}, as
     * a word of its own). {@code x < y} stays text.
     */
    private void scanMarkup(int b) {
        boolean letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        if (previous == '<' && (letter || b == '/' || b == '!' || b == '?')) {
            markup = "an HTML element at byte " + (offset - 1);
        }
        switch (handlerState) {
            case 1 -> handlerState = (b == 'n' || b == 'N') ? 2 : 0;
            case 2 -> {
                if (letter) {
                    handlerLetters++;
                } else if (handlerLetters >= 3 && (b == ' ' || b == '\t')) {
                    handlerState = 3;
                } else if (handlerLetters >= 3 && b == '=') {
                    markup = "an event handler attribute at byte " + offset;
                } else {
                    handlerState = 0;
                }
            }
            case 3 -> {
                if (b == '=') {
                    markup = "an event handler attribute at byte " + offset;
                } else if (b != ' ' && b != '\t') {
                    handlerState = 0;
                }
            }
            default -> {}
        }
        if (handlerState == 0 && (b == 'o' || b == 'O') && !isWordByte(previous)) {
            handlerState = 1;
            handlerLetters = 0;
        }
        previous = b;
    }

    private static boolean isWordByte(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b >= 0x80;
    }

    /** The first HTML markup found in the text, or {@code null}: a text file must not carry any. */
    public @Nullable String markup() {
        return markup;
    }

    /** The first problem found so far, or {@code null}. */
    public @Nullable String error() {
        return error;
    }

    /** The first problem, counting a sequence cut by the end of the content; {@code null} for valid text. */
    public @Nullable String errorAtEnd() {
        if (error == null && pending > 0) {
            return "UTF-8 sequence cut by the end of the file";
        }
        return error;
    }
}
