package dev.leadbase.shared.http;

import java.math.BigDecimal;

/**
 * The rules every request value meets before any store sees it: numbers DynamoDB can store (38 significant
 * digits, magnitude 1e-130 to below 1e126, finite) and text without control characters. Applied to every value
 * of every JSON body by {@link BodyReader#parse} and to every query parameter by {@link QueryParams}. No Jackson
 * here: query-only routes load this class on their cold path.
 */
public final class InputRules {
    public static final int MAX_SIGNIFICANT_DIGITS = 38;
    private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("1e126");
    private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1e-130");
    public static final String NUMBER_MESSAGE = "Must be a finite number of at most " + MAX_SIGNIFICANT_DIGITS
            + " significant digits whose magnitude is 0 or from 1e-130 up to, not including, 1e126";
    public static final String TEXT_MESSAGE = "Must not contain control characters";

    private InputRules() {
    }

    /** True when DynamoDB can store {@code n} as a number. */
    public static boolean storable(BigDecimal n) {
        if (n.signum() == 0) {
            return true;
        }
        BigDecimal abs = n.abs();
        return n.stripTrailingZeros().precision() <= MAX_SIGNIFICANT_DIGITS
                && abs.compareTo(MIN_MAGNITUDE) >= 0 && abs.compareTo(MAX_MAGNITUDE) < 0;
    }

    public static boolean storable(double d) {
        return Double.isFinite(d) && storable(BigDecimal.valueOf(d));
    }

    /**
     * True when {@code s} is text a person could type: no C0 control character but tab, line feed and carriage
     * return, no DEL or C1 control, and no lone UTF-16 surrogate (which no UTF-8 store can hold).
     */
    public static boolean controlFree(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 ? c != '\t' && c != '\n' && c != '\r' : c >= 0x7F && c <= 0x9F) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #controlFree} and on one line: no tab or line break either (names, emails, titles). */
    public static boolean singleLine(String s) {
        return controlFree(s) && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
    }
}
