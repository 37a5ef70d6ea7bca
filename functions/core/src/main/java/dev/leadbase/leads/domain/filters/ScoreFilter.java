package dev.leadbase.leads.domain.filters;

import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadSort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code minScore} and {@code maxScore} (both inclusive): scored leads in that band; ordered by score unless {@code sortBy} says otherwise. */
public record ScoreFilter(Long min, Long max) implements LeadFilter {
    private static final long MAX_SCORE = 999_999_999_999L;

    public static Optional<ScoreFilter> parse(FilterInput in) {
        Long min = score(in, "minScore", "min_score");
        Long max = score(in, "maxScore", "max_score");
        if (min != null && max != null && min > max) {
            in.invalid("maxScore", "Must be greater than or equal to minScore");
        }
        return min == null && max == null ? Optional.empty() : Optional.of(new ScoreFilter(min, max));
    }

    private static Long score(FilterInput in, String name, String alias) {
        Optional<String> raw = in.get(name, alias);
        if (raw.isEmpty()) {
            return null;
        }
        try {
            long v = Long.parseLong(raw.get().trim());
            if (Math.abs(v) > MAX_SCORE) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            in.invalid(name, "Must be an integer");
            return null;
        }
    }

    @Override
    public boolean test(Lead lead) {
        return lead.score() != null && (min == null || lead.score() >= min) && (max == null || lead.score() <= max);
    }

    @Override
    public List<Condition> conditions() {
        List<Condition> c = new ArrayList<>();
        if (min != null) {
            c.add(Condition.atLeast("score", min));
        }
        if (max != null) {
            c.add(Condition.atMost("score", max));
        }
        return c;
    }

    @Override
    public Optional<KeyPart> key() {
        return Optional.of(KeyPart.scores(min, max));
    }

    @Override
    public Optional<LeadSort> impliedSort() {
        return Optional.of(LeadSort.SCORE);
    }
}
