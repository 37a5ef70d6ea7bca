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
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TextKeys() {
    }

    /** Lower case, accents removed, whitespace collapsed, '#' (the key separator) made a space; null stays null. */
    public static String fold(String text) {
        if (text == null) {
            return null;
        }
        String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(stripped.toLowerCase(Locale.ROOT).replace('#', ' ')).replaceAll(" ").trim();
    }

    /** The searchable words of some text: folded, split on anything but letters and digits. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        for (String w : NON_WORD.split(fold(text))) {
            if (!w.isEmpty()) {
                words.add(w);
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
