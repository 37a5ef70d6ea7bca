package dev.leadbase.scoring.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Pure scoring: applies events and decay to engagement standings, evaluates profile rules, explains scores. */
public final class ScoringEngine {

    /** The standing after {@code event}; unchanged when no rule matches or every matching rule hit maxPerDay. */
    public ScoreState apply(Ruleset ruleset, ScoreState state, ScoringEvent event) {
        String day = event.occurredAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        Map<Integer, Long> contributions = new HashMap<>(state.contributions());
        Map<String, Integer> daily = new HashMap<>(state.daily());
        long delta = 0;
        boolean matched = false;
        for (int i = 0; i < ruleset.engagementRules().size(); i++) {
            EngagementRule rule = ruleset.engagementRules().get(i);
            if (!rule.eventType().equals(event.type())) {
                continue;
            }
            if (rule.maxPerDay() != null) {
                String key = i + "|" + day;
                int count = daily.getOrDefault(key, 0);
                if (count >= rule.maxPerDay()) {
                    continue;
                }
                daily.put(key, count + 1);
            }
            matched = true;
            contributions.merge(i, rule.points(), Long::sum);
            delta += rule.points();
        }
        if (!matched) {
            return state;
        }
        Instant at = event.occurredAt();
        long base;
        Instant anchorAt;
        if (ruleset.decay() != null && state.anchorAt() != null && at.isAfter(state.anchorAt())) {
            // the newest event: the standing decayed up to it is the base, and decay restarts from it
            base = ruleset.decay().apply(state.anchorScore(), state.anchorAt(), at);
            anchorAt = at;
        } else {
            // no decay, the first event, or an older event arriving late (it does not move the anchor)
            base = state.score();
            anchorAt = ruleset.decay() == null ? null
                    : state.anchorAt() == null || at.isAfter(state.anchorAt()) ? at : state.anchorAt();
        }
        long raw = base + delta;
        long score = Math.max(0, raw);
        long anchorScore = anchorAt == null || anchorAt.equals(at) ? score : Math.max(0, state.anchorScore() + delta);
        return new ScoreState(state.rulesetId(), ruleset.type(), score, contributions, daily,
                state.floorAdjustment() + (score - raw), anchorScore, anchorAt, state.version());
    }

    /** The standing replayed from every event of the lead, oldest first, then decayed to {@code now}. */
    public ScoreState replay(Ruleset ruleset, Collection<ScoringEvent> events, Instant now, long version) {
        ScoreState state = ScoreState.empty(ruleset.id(), ruleset.type()).withVersion(version);
        List<ScoringEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(ScoringEvent::occurredAt).thenComparing(ScoringEvent::eventId));
        for (ScoringEvent event : ordered) {
            state = apply(ruleset, state, event);
        }
        return decay(ruleset, state, now);
    }

    /** The standing with decay applied up to {@code now}; the same object when decay changes nothing. */
    public ScoreState decay(Ruleset ruleset, ScoreState state, Instant now) {
        if (ruleset.decay() == null || state.anchorAt() == null || state.score() <= 0) {
            return state;
        }
        long target = ruleset.decay().apply(state.anchorScore(), state.anchorAt(), now);
        return target < state.score() ? state.withScore(Math.max(0, target)) : state;
    }

    /** The profile standing of a lead: points of every matching rule, never below 0. */
    public ScoreState profile(Ruleset ruleset, LeadFields lead, long version) {
        Map<Integer, Long> contributions = new LinkedHashMap<>();
        long raw = 0;
        for (int i = 0; i < ruleset.profileRules().size(); i++) {
            ProfileRule rule = ruleset.profileRules().get(i);
            if (matches(rule, lead)) {
                contributions.put(i, rule.points());
                raw += rule.points();
            }
        }
        long score = Math.max(0, raw);
        return new ScoreState(ruleset.id(), RulesetType.PROFILE, score, contributions, Map.of(), score - raw, score,
                null, version);
    }

    /** Every rule of {@code ruleset} with what it contributed to {@code state}. */
    public ScoreExplanation explain(Ruleset ruleset, ScoreState state) {
        List<RuleContribution> rules = new ArrayList<>();
        if (ruleset.engagement()) {
            for (int i = 0; i < ruleset.engagementRules().size(); i++) {
                EngagementRule rule = ruleset.engagementRules().get(i);
                long c = state.contributions().getOrDefault(i, 0L);
                rules.add(new RuleContribution(i, rule.describe(), rule.points(), rule.maxPerDay(),
                        state.contributions().containsKey(i), c));
            }
        } else {
            for (int i = 0; i < ruleset.profileRules().size(); i++) {
                ProfileRule rule = ruleset.profileRules().get(i);
                long c = state.contributions().getOrDefault(i, 0L);
                rules.add(new RuleContribution(i, rule.describe(), rule.points(), null,
                        state.contributions().containsKey(i), c));
            }
        }
        return new ScoreExplanation(ruleset.id(), ruleset.name(), ruleset.type(), ruleset.primary(), state.score(),
                ruleset.level(state.score()), rules, state.decayApplied(), state.floorAdjustment());
    }

    /** The score fields of a lead from its standings under the tenant's current rule sets. */
    public LeadScoreSummary summarize(List<Ruleset> rulesets, Map<String, ScoreState> states) {
        Map<String, Long> engagement = new LinkedHashMap<>();
        Map<String, Long> profile = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Ruleset primaryEngagement = null;
        Ruleset primaryProfile = null;
        for (Ruleset r : rulesets) {
            long score = Optional.ofNullable(states.get(r.id())).map(ScoreState::score).orElse(0L);
            (r.engagement() ? engagement : profile).put(r.id(), score);
            names.put(r.id(), r.name());
            if (r.primary() && r.engagement()) {
                primaryEngagement = r;
            } else if (r.primary()) {
                primaryProfile = r;
            }
        }
        long score = primaryEngagement == null ? 0 : engagement.get(primaryEngagement.id());
        String level = primaryEngagement == null ? null : primaryEngagement.level(score);
        return new LeadScoreSummary(score, level, engagement, profile, names,
                primaryEngagement == null ? null : primaryEngagement.name(),
                primaryProfile == null ? null : primaryProfile.name());
    }

    static boolean matches(ProfileRule rule, LeadFields lead) {
        Optional<Object> found = lead.get(rule.field()).filter(v -> !(v instanceof String s && s.isBlank()));
        Object expected = rule.value();
        if (rule.operator() == Operator.EXISTS) {
            boolean wanted = !(expected instanceof Boolean b) || b;
            return found.isPresent() == wanted;
        }
        if (found.isEmpty()) {
            return rule.operator() == Operator.NOT_EQUALS;
        }
        Object actual = found.get();
        return switch (rule.operator()) {
            case EQUALS -> same(actual, expected);
            case NOT_EQUALS -> !same(actual, expected);
            case CONTAINS -> anyText(actual, expected, (a, e) -> a.contains(e));
            case STARTS_WITH -> anyText(actual, expected, (a, e) -> a.startsWith(e));
            case IN -> expected instanceof List<?> list && list.stream().anyMatch(e -> same(actual, e));
            case GTE -> number(actual).map(a -> a.compareTo(number(expected).orElseThrow()) >= 0).orElse(false);
            case LTE -> number(actual).map(a -> a.compareTo(number(expected).orElseThrow()) <= 0).orElse(false);
            case EXISTS -> true;
        };
    }

    private static boolean same(Object actual, Object expected) {
        if (actual instanceof List<?> values) {
            return values.stream().anyMatch(v -> same(v, expected));
        }
        Optional<BigDecimal> a = number(actual);
        Optional<BigDecimal> e = number(expected);
        if (actual instanceof Number || expected instanceof Number) {
            return a.isPresent() && e.isPresent() && a.get().compareTo(e.get()) == 0;
        }
        if (actual instanceof Boolean || expected instanceof Boolean) {
            return String.valueOf(actual).equalsIgnoreCase(String.valueOf(expected));
        }
        return String.valueOf(actual).trim().equalsIgnoreCase(String.valueOf(expected).trim());
    }

    private static boolean anyText(Object actual, Object expected, java.util.function.BiPredicate<String, String> test) {
        List<?> needles = expected instanceof List<?> list ? list : List.of(expected);
        List<?> haystacks = actual instanceof List<?> list ? list : List.of(actual);
        for (Object h : haystacks) {
            String hay = String.valueOf(h).toLowerCase(Locale.ROOT);
            for (Object n : needles) {
                if (test.test(hay, String.valueOf(n).toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<BigDecimal> number(Object value) {
        if (value instanceof Number n) {
            return Optional.of(new BigDecimal(n.toString()));
        }
        if (value instanceof String s) {
            try {
                return Optional.of(new BigDecimal(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
