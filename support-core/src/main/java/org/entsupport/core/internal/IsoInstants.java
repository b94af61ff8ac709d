package org.entsupport.core.internal;

import java.time.Instant;

/**
 * Writes an {@link Instant} as {@link Instant#toString()} does (ISO-8601 in UTC, the fraction in groups of three
 * digits, none when zero), into a reused buffer: the CSV export writes two per row, and
 * {@code Instant.toString()} was a third of its CPU (a formatter, a string builder and a string per call).
 */
final class IsoInstants {

    /** Longest text written: {@code 9999-12-31T23:59:59.999999999Z}. */
    static final int MAX_LENGTH = 30;

    private static final long SECONDS_PER_DAY = 86_400;
    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds: the years written with four digits. */
    private static final long MIN_SECOND = -62_167_219_200L;

    private static final long MAX_SECOND = 253_402_300_800L;

    private IsoInstants() {}

    /**
     * Writes {@code instant} at the start of {@code out}.
     *
     * @param out at least {@link #MAX_LENGTH} characters
     * @return the number of characters written, or {@code -1} for a year outside 0000–9999 (which
     *     {@code Instant.toString()} writes with a sign or more digits: use it then)
     */
    static int write(Instant instant, char[] out) {
        long seconds = instant.getEpochSecond();
        if (seconds < MIN_SECOND || seconds >= MAX_SECOND) {
            return -1;
        }
        long days = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // days since 1970-01-01 to a civil date (proleptic Gregorian), with eras of 400 years from 0000-03-01
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        int dayOfEra = (int) (z - era * 146_097);
        int yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int mp = (5 * dayOfYear + 2) / 153;
        int day = dayOfYear - (153 * mp + 2) / 5 + 1;
        int month = mp < 10 ? mp + 3 : mp - 9;
        int year = (int) (yearOfEra + era * 400) + (month <= 2 ? 1 : 0);

        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, secondOfDay / 3_600, 2);
        out[13] = ':';
        digits(out, 14, secondOfDay / 60 % 60, 2);
        out[16] = ':';
        digits(out, 17, secondOfDay % 60, 2);
        int end = 19;
        int nano = instant.getNano();
        if (nano != 0) {
            out[end++] = '.';
            if (nano % 1_000_000 == 0) {
                digits(out, end, nano / 1_000_000, 3);
                end += 3;
            } else if (nano % 1_000 == 0) {
                digits(out, end, nano / 1_000, 6);
                end += 6;
            } else {
                digits(out, end, nano, 9);
                end += 9;
            }
        }
        out[end++] = 'Z';
        return end;
    }

    /** Writes {@code value} (not negative) as exactly {@code width} decimal digits, zeros in front. */
    private static void digits(char[] out, int at, int value, int width) {
        int v = value;
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }
}
