package dev.leadbase.leads.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Folding and words answer what the regular expressions of their definition answer: stored sort keys, filters and
 * search entries were written with them, so any difference would lose a lead from a filter or a search.
 */
class TextKeysTest {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final String ALPHABET = "aZ9 #\t\n\u000B\f\r\u0001\u001f-_.@'éÉüÖçñßİıǅ中文😀\u0301\u00a0\u2028ⅻ٣ª";

    private static String definedFold(String text) {
        String stripped = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return SPACES.matcher(stripped.toLowerCase(Locale.ROOT).replace('#', ' ')).replaceAll(" ").trim();
    }

    private static List<String> definedWords(String text) {
        List<String> words = new ArrayList<>();
        for (String w : NON_WORD.split(definedFold(text))) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        return words;
    }

    private static List<String> samples() {
        List<String> all = new ArrayList<>(List.of("", " ", "#", "Acme Corp", "  Ada   Lovelace ", "a#b", "a# #b",
                "ACME\tGmbH\n", "O'Brien-Smith", "José Müller", "\u0001lead\u001f", "ÅNGSTRÖM", "x\u00a0y", "ada@acme.co.uk"));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            boolean asciiOnly = i % 2 == 0;
            for (int j = 0; j < length; j++) {
                int at = random.nextInt(asciiOnly ? 13 : ALPHABET.length());
                s.append(ALPHABET.charAt(at));
            }
            all.add(s.toString());
        }
        return all;
    }

    @Test
    void foldAndWordsAnswerWhatTheirDefinitionAnswers() {
        for (String text : samples()) {
            assertEquals(definedFold(text), TextKeys.fold(text), () -> "fold of " + text.codePoints().boxed().toList());
            assertEquals(definedWords(text), TextKeys.words(text), () -> "words of " + text.codePoints().boxed().toList());
        }
    }
}
