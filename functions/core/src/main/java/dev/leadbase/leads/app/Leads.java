package dev.leadbase.leads.app;

import dev.leadbase.leads.domain.DuplicateLead;
import dev.leadbase.leads.domain.Lead;
import dev.leadbase.leads.domain.LeadInsights;
import dev.leadbase.leads.domain.LeadPage;
import dev.leadbase.leads.domain.LeadPosition;
import dev.leadbase.leads.domain.LeadRepository;
import dev.leadbase.leads.domain.LeadShards;
import dev.leadbase.leads.domain.LeadSource;
import dev.leadbase.leads.domain.LeadStatus;
import dev.leadbase.leads.domain.ReadStats;
import dev.leadbase.leads.domain.StaleLeadVersion;
import dev.leadbase.leads.domain.LeadForm;
import dev.leadbase.leads.domain.ListLeadsQuery;

import dev.leadbase.access.domain.AccessPolicy;
import dev.leadbase.access.domain.KeyHasher;
import dev.leadbase.access.domain.Principal;
import dev.leadbase.companies.domain.Company;
import dev.leadbase.companies.domain.CompanyRepository;
import dev.leadbase.shared.errors.ValidationFailed;
import dev.leadbase.shared.paging.CursorScope;
import dev.leadbase.shared.paging.CursorSigner;
import dev.leadbase.shared.paging.PagedRoute;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use cases of the Leads API: create, read, change, delete, list and batch-create, within the caller's visibility. */
public final class Leads {
    private static final int UNCONDITIONAL_RETRIES = 3;
    private static final String IDENTIFIER_RULE =
            "An identifier is required: email, or linkedinUrl, or firstName + lastName + company";

    private final LeadRepository leads;
    private final CompanyRepository companies;
    private final CursorSigner cursors;
    private final LeadShards shards;
    private final Clock clock;

    /** A page of leads and the cursor of the next one. */
    public record LeadList(LeadPage page, String nextCursor) {
    }

    /** The outcome of one item of a batch: created, duplicate or invalid. */
    public record BatchItem(int index, String status, Lead lead, String existingId, Map<String, Object> errors) {
    }

    public Leads(LeadRepository leads, CompanyRepository companies, CursorSigner cursors, LeadShards shards, Clock clock) {
        this.leads = leads;
        this.companies = companies;
        this.cursors = cursors;
        this.shards = shards;
        this.clock = clock;
    }

    public Lead create(Principal principal, LeadBody body) {
        Map<String, Object> problems = body.problems();
        Lead lead = draft(principal, body.form(), problems);
        reject(problems);
        try {
            leads.create(lead);
        } catch (DuplicateLead e) {
            throw asSeenBy(principal, e);
        }
        return lead;
    }

    /** Creates each lead on its own; one failure never stops the others. */
    public List<BatchItem> batch(Principal principal, List<LeadBody> bodies) {
        List<BatchItem> results = new ArrayList<>();
        int index = 0;
        for (LeadBody body : bodies) {
            results.add(createOne(principal, index++, body));
        }
        return results;
    }

    private BatchItem createOne(Principal principal, int index, LeadBody body) {
        Map<String, Object> problems = body.problems();
        Lead lead = body.form() == null ? null : draft(principal, body.form(), problems);
        if (!problems.isEmpty()) {
            return new BatchItem(index, "invalid", null, null, Map.copyOf(problems));
        }
        try {
            leads.create(lead);
            return new BatchItem(index, "created", lead, null, null);
        } catch (DuplicateLead e) {
            return new BatchItem(index, "duplicate", null, asSeenBy(principal, e).existingId(), null);
        }
    }

    public Lead get(Principal principal, String id) {
        return visible(principal, id);
    }

    public Lead update(Principal principal, String id, LeadBody body, Optional<Long> ifMatch) {
        LeadForm form = body.form();
        Map<String, Object> problems = body.problems();
        if (form.isEmpty() && problems.isEmpty()) {
            problems.put("body", "Must change at least one writable field");
        }
        for (int attempt = 1; ; attempt++) {
            Lead before = visible(principal, id);
            ifMatch.ifPresent(v -> {
                if (v != before.version()) {
                    throw new StaleLeadVersion(v, before.version());
                }
            });
            Lead after = before.with(form, now());
            checkOwner(principal, form, problems);
            after = linkCompany(after, form, problems);
            if (!after.identifiable()) {
                problems.put("identifier", IDENTIFIER_RULE);
            }
            reject(problems);
            try {
                leads.update(before, after);
                return after;
            } catch (DuplicateLead e) {
                throw asSeenBy(principal, e);
            } catch (StaleLeadVersion e) {
                if (ifMatch.isPresent() || attempt >= UNCONDITIONAL_RETRIES) {
                    throw e;
                }
            }
        }
    }

    public void delete(Principal principal, String id, Optional<Long> ifMatch) {
        for (int attempt = 1; ; attempt++) {
            Lead lead = visible(principal, id);
            if (ifMatch.isPresent() && ifMatch.get() != lead.version()) {
                throw new StaleLeadVersion(ifMatch.get(), lead.version());
            }
            try {
                leads.delete(lead);
                return;
            } catch (StaleLeadVersion e) {
                if (ifMatch.isPresent() || attempt >= UNCONDITIONAL_RETRIES) {
                    throw e;
                }
            }
        }
    }

    /** One page of {@code query}, which the edge made for this caller (its visibility included). */
    public LeadList list(Principal principal, ListLeadsQuery query) {
        CursorScope scope = CursorScope.of(PagedRoute.LEADS, principal).filters(query.fingerprint());
        LeadPosition position = query.cursor() == null ? null
                : LeadCursors.open(cursors, scope, query.cursor(), query.pagedByOffset());
        if (query.matchesNothing()) {
            return new LeadList(new LeadPage(List.of(), position == null ? query.page() : position.page(),
                    query.limit(), 0, null, new ReadStats("none", 0, 0, 0, 0, true)), null);
        }
        LeadPage page = leads.list(query, position);
        String next = page.hasNextPage()
                ? cursors.sign(scope, LeadCursors.position(page.nextPosition())) : null;
        return new LeadList(page, next);
    }

    /** The lead, or 404 when it does not exist in the tenant or the key may not see it. */
    private Lead visible(Principal principal, String id) {
        return AccessPolicy.of(principal).lead(leads.find(principal.tenantId(), id));
    }

    /** The conflict as the caller may see it: an own key is not told the id of another user's lead. */
    private DuplicateLead asSeenBy(Principal principal, DuplicateLead conflict) {
        AccessPolicy access = AccessPolicy.of(principal);
        if (conflict.existingId() == null || access.ownerScope() == null) {
            return conflict;
        }
        return access.conflict(conflict, leads.find(principal.tenantId(), conflict.existingId()));
    }

    private Lead draft(Principal principal, LeadForm form, Map<String, Object> problems) {
        Instant now = now();
        String id = KeyHasher.newId("lead_");
        int shard = LeadShards.shardOf(id, shards.forNewLead(principal.tenantId()));
        Lead lead = new Lead(principal.tenantId(), id, null, null, null, null, null, null, null,
                null, LeadStatus.NEW, LeadSource.API, null, List.of(), Map.of(), now, now, null, null,
                principal.userId(), null, Map.of(), Map.of(), Map.of(), null, null, null, 0, LeadInsights.NONE, shard).with(form, now);
        checkOwner(principal, form, problems);
        if (lead.ownerId() == null) {
            lead = lead.with(LeadForm.of(Map.of()).with(LeadForm.OWNER_ID, principal.userId()), now);
        }
        lead = linkCompany(lead, form, problems);
        if (!lead.identifiable() && !problems.containsKey("email") && !problems.containsKey("linkedinUrl")) {
            problems.put("identifier", IDENTIFIER_RULE);
        }
        return withVersion(lead, 1);
    }

    /** Throws one VALIDATION_ERROR naming every problem, if any. */
    private static void reject(Map<String, Object> problems) {
        if (!problems.isEmpty()) {
            throw new ValidationFailed("Invalid request body", Map.of("invalidFields", problems));
        }
    }

    private static void checkOwner(Principal principal, LeadForm form, Map<String, Object> problems) {
        String owner = AccessPolicy.of(principal).ownerScope();
        if (owner != null && form.has(LeadForm.OWNER_ID) && !owner.equals(form.pick(LeadForm.OWNER_ID, null))) {
            problems.put("ownerId", "Keys with visibility own can only assign leads to their own user");
        }
    }

    /** Checks a new companyId exists and, when the lead names no company, takes the company's name. */
    private Lead linkCompany(Lead lead, LeadForm form, Map<String, Object> problems) {
        if (!form.has(LeadForm.COMPANY_ID) || lead.companyId() == null) {
            return lead;
        }
        Optional<Company> company = companies.find(lead.tenantId(), lead.companyId());
        if (company.isEmpty()) {
            problems.put("companyId", "Company not found");
            return lead;
        }
        if (lead.company() == null) {
            return copy(lead, company.get().name());
        }
        return lead;
    }

    private static Lead copy(Lead l, String company) {
        return new Lead(l.tenantId(), l.id(), l.firstName(), l.lastName(), l.email(), l.linkedinUrl(), company, l.title(),
                l.phone(), l.location(), l.status(), l.source(), l.notes(), l.tags(), l.customFields(), l.createdAt(),
                l.updatedAt(), l.lastContactedAt(), l.companyId(), l.ownerId(), l.score(), l.engagementScores(),
                l.profileScores(), l.rulesetNames(), l.level(), l.lastEventAt(), l.lastEventType(), l.version(), l.insights(), l.shard());
    }

    private static Lead withVersion(Lead l, long version) {
        return new Lead(l.tenantId(), l.id(), l.firstName(), l.lastName(), l.email(), l.linkedinUrl(), l.company(),
                l.title(), l.phone(), l.location(), l.status(), l.source(), l.notes(), l.tags(), l.customFields(),
                l.createdAt(), l.updatedAt(), l.lastContactedAt(), l.companyId(), l.ownerId(), l.score(),
                l.engagementScores(), l.profileScores(), l.rulesetNames(), l.level(), l.lastEventAt(),
                l.lastEventType(), version, l.insights(), l.shard());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

}
