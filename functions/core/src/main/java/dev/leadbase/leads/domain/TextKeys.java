package dev.leadbase.leads.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Case- and accent-folding of text for exact filters, sort keys and search words. */
public final class TextKeys {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TextKeys() {
    }

    /** Lower case, accents removed, whitespace collapsed, '#' (the key separator) made a space; null stays null. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        String stripped = ascii(text) ? text : MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return collapseSpaces(stripped.toLowerCase(Locale.ROOT)).trim();
    }

    /** Each run of '#' and regex whitespace ({@code [ \t\n\x0B\f\r]}) made one space. */
    private static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean inRun = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '#' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (!space) {
                out.append(c);
            } else if (!inRun) {
                out.append(' ');
            }
            inRun = space;
        }
        return out.toString();
    }

    /** ASCII text has no marks and is its own canonical decomposition. */
    private static boolean ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The searchable words of some text: folded, split on anything but letters and digits. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String folded = fold(text);
        if (!ascii(folded)) {
            for (String w : NON_WORD.split(folded)) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            return words;
        }
        int start = -1;  // where the current word began, or -1 between words
        for (int i = 0; i <= folded.length(); i++) {
            char c = i < folded.length() ? folded.charAt(i) : ' ';
            boolean wordChar = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
        }
        return words;
    }

    /** Words a lead is found by: names, email (local part and domain without its last label), company, title. */
    public static Set<String> searchWords(Lead lead) {
        Set<String> words = new LinkedHashSet<>();
        words.addAll(words(lead.firstName()));
        words.addAll(words(lead.lastName()));
        if (lead.email() != null) {
            String email = fold(lead.email());
            int at = email.indexOf('@');
            words.addAll(words(at < 0 ? email : email.substring(0, at)));
            if (at >= 0) {
                String domain = email.substring(at + 1);
                int lastDot = domain.lastIndexOf('.');
                words.addAll(words(lastDot > 0 ? domain.substring(0, lastDot) : domain));
            }
        }
        words.addAll(words(lead.company()));
        words.addAll(words(lead.title()));
        return words;
    }
}
