package dev.leadbase.leads.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lead as stored and returned. Fields a user writes come first; {@code score} through
 * {@code lastEventType} belong to scoring; {@code version} counts user-visible changes for If-Match; {@code shard} is
 * the lead shard its index entries are spread over, chosen once at create ({@link LeadShards#shardOf}).
 */
public record Lead(String tenantId, String id, String firstName, String lastName, String email, String linkedinUrl,
                   String company, String title, String phone, String location, LeadStatus status, LeadSource source,
                   String notes, List<String> tags, Map<String, Object> customFields, Instant createdAt,
                   Instant updatedAt, Instant lastContactedAt, String companyId, String ownerId, Long score,
                   Map<String, Long> engagementScores, Map<String, Long> profileScores,
                   Map<String, String> rulesetNames, String level, Instant lastEventAt, String lastEventType,
                   long version, LeadInsights insights, int shard) {
    public Lead {
        tags = tags == null ? List.of() : List.copyOf(tags);
        customFields = customFields == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(customFields));
        engagementScores = engagementScores == null ? Map.of() : Map.copyOf(engagementScores);
        profileScores = profileScores == null ? Map.of() : Map.copyOf(profileScores);
        rulesetNames = rulesetNames == null ? Map.of() : Map.copyOf(rulesetNames);
        insights = insights == null ? LeadInsights.NONE : insights;
        if (shard < 0 || shard >= LeadShards.MAX) {
            throw new IllegalArgumentException("shard out of range: " + shard);
        }
    }

    /** The normalised email under which uniqueness is enforced, or null. */
    public String emailKey() {
        return email == null ? null : Emails.normalise(email);
    }

    /** This lead with the user-writable fields of {@code form} applied (scoring fields untouched). */
    public Lead with(LeadForm form, Instant now) {
        return new Lead(tenantId, id,
                form.pick(LeadForm.FIRST_NAME, firstName), form.pick(LeadForm.LAST_NAME, lastName),
                form.pick(LeadForm.EMAIL, email), form.pick(LeadForm.LINKEDIN_URL, linkedinUrl),
                form.pick(LeadForm.COMPANY, company), form.pick(LeadForm.TITLE, title),
                form.pick(LeadForm.PHONE, phone), form.pick(LeadForm.LOCATION, location),
                form.pick(LeadForm.STATUS, status), form.pick(LeadForm.SOURCE, source),
                form.pick(LeadForm.NOTES, notes), form.pick(LeadForm.TAGS, tags),
                form.pick(LeadForm.CUSTOM_FIELDS, customFields), createdAt, now,
                form.pick(LeadForm.LAST_CONTACTED_AT, lastContactedAt), form.pick(LeadForm.COMPANY_ID, companyId),
                form.pick(LeadForm.OWNER_ID, ownerId), score, engagementScores, profileScores, rulesetNames, level,
                lastEventAt, lastEventType, version + 1, insights, shard);
    }

    /** This lead placed in {@code shard} (a lead carried over from a layout without shards). */
    public Lead inShard(int shard) {
        return new Lead(tenantId, id, firstName, lastName, email, linkedinUrl, company, title, phone, location, status,
                source, notes, tags, customFields, createdAt, updatedAt, lastContactedAt, companyId, ownerId, score,
                engagementScores, profileScores, rulesetNames, level, lastEventAt, lastEventType, version, insights, shard);
    }

    /** True when the lead can be told apart: email, or LinkedIn URL, or first name + last name + company. */
    public boolean identifiable() {
        return present(email) || present(linkedinUrl) || (present(firstName) && present(lastName) && present(company));
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }
}
