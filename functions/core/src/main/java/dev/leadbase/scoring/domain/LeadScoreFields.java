package dev.leadbase.scoring.domain;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The score fields of a lead object under their wire names: the one place they are spelled. */
public final class LeadScoreFields {
    public static final String SCORE = "score";
    public static final String LEVEL = "level";
    public static final String ENGAGEMENT_SCORES = "engagementScores";
    public static final String PROFILE_SCORES = "profileScores";
    public static final String RULESET_NAMES = "rulesetNames";
    public static final String ENGAGEMENT_PRIMARY = "engagementPrimaryRulesetName";
    public static final String PROFILE_PRIMARY = "profilePrimaryRulesetName";
    public static final String LAST_EVENT_AT = "lastEventAt";
    public static final String LAST_EVENT_TYPE = "lastEventType";

    private LeadScoreFields() {
    }

    public static Map<String, Object> of(LeadScoreSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(SCORE, s.score());
        m.put(LEVEL, s.level());
        m.put(ENGAGEMENT_SCORES, s.engagementScores());
        m.put(PROFILE_SCORES, s.profileScores());
        m.put(RULESET_NAMES, s.rulesetNames());
        m.put(ENGAGEMENT_PRIMARY, s.engagementPrimaryRulesetName());
        m.put(PROFILE_PRIMARY, s.profilePrimaryRulesetName());
        return m;
    }

    /** Whether the lead already carries exactly these score fields. */
    public static boolean matches(LeadScoreSummary summary, Map<String, Object> lead) {
        for (var e : of(summary).entrySet()) {
            if (!Objects.equals(e.getValue(), lead.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
