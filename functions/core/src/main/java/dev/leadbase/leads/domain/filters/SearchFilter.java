package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.TextKeys;
import java.util.List;
import java.util.Optional;

/**
 * {@code search}: leads holding a word starting with each searched word; stores serve it from their search entries
 * when a word has 2 letters or more (the search as a whole needs 2 characters, so {@code a b} is a search too).
 */
public record SearchFilter(List<String> words) implements LeadFilter {
    public SearchFilter {
        words = List.copyOf(words);
    }

    public static Optional<SearchFilter> parse(FilterInput in) {
        Optional<String> search = in.get("search");
        if (search.isEmpty()) {
            return Optional.empty();
        }
        String s = search.get().trim();
        List<String> words = TextKeys.words(s);
        if (s.length() < 2 || words.isEmpty()) {
            in.invalid("search", "Must be at least 2 characters");
            return Optional.empty();
        }
        if (words.size() > 10) {
            in.invalid("search", "Must have at most 10 words");
            return Optional.empty();
        }
        return Optional.of(new SearchFilter(words));
    }

    @Override
    public boolean test(Lead lead) {
        var leadWords = TextKeys.searchWords(lead);
        return words.stream().allMatch(q -> leadWords.stream().anyMatch(w -> w.startsWith(q)));
    }

    @Override
    public List<Condition> conditions() {
        return List.of();
    }
}
